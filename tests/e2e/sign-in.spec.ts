import { expect, test } from './support/fixtures';
import { accountArea } from './support/pages';

test.describe('signing in through the local provider', () => {
  test('Adele signs in with one click and sees her name from Graph', async ({
    page,
    signIn,
    graph,
  }) => {
    await signIn.as('adele');
    await expect(accountArea(page)).toContainText('Adele Vance');
    // The name shows from the sign-in before Graph's answer arrives: wait for the answer.
    await expect
      .poll(() => graph.calls.some((call) => call.path.startsWith('/me?') && call.status === 200))
      .toBe(true);
  });

  test('consent is asked once per user, and sign-out returns to the app', async ({
    page,
    signIn,
  }) => {
    await signIn.as('adele');
    await signIn.signOut();
    expect(new URL(page.url()).pathname).toBe('/');
    // Signed out of the provider too: the login page shows again, but consent is remembered.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in as Adele Vance' }).click();
    await expect(accountArea(page)).toContainText('Adele Vance');
  });

  test('a wrong password is refused with a message, and so is an unknown user', async ({
    page,
    signIn,
  }) => {
    await signIn.withPassword('adele@contoso.com', 'not-her-password');
    await expect(page.getByRole('alert')).toHaveText(
      'Your password is incorrect. Check it and try again.',
    );
    await expect(page.getByLabel('Email')).toHaveValue('adele@contoso.com');

    await page.getByLabel('Email').fill('nobody@contoso.com');
    await page.getByLabel('Password').fill('whatever');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText(
      "couldn't find an account for nobody@contoso.com",
    );

    await page.getByLabel('Email').fill('ADELE@contoso.com');
    await page.getByLabel('Password').fill('Passw0rd!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signIn.acceptConsentIfAsked();
    await expect(accountArea(page)).toContainText('Adele Vance');
  });

  test('a reload keeps the user signed in without a new sign-in', async ({
    page,
    signIn,
    graph,
  }) => {
    await signIn.as('adele');
    graph.clear();
    await page.reload();
    await expect(accountArea(page)).toContainText('Adele Vance');
    expect(graph.tokenCalls).toHaveLength(0);
  });
});

test('a malformed configuration shows what is wrong instead of a blank page', async ({ page }) => {
  await page.route('**/app-config.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: 'window.profileEditorConfig = { "authority": "http://login.example.com/tenant", "clientid": "x" };',
    }),
  );
  await page.goto('/');
  await expect(
    page.getByRole('heading', { name: 'Profile Editor is not configured correctly' }),
  ).toBeVisible();
  await expect(page.getByText("Unknown setting 'clientid'")).toBeVisible();
});
