import type { APIRequestContext, Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { expect, test } from './support/fixtures';

async function setPolicy(request: APIRequestContext, settings: Record<string, unknown>) {
  const answer = await request.post('/_emulator/identity', { data: settings });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** From the app's Sign in button to the provider, signing in with the demo account's button. */
async function startSignIn(page: Page, displayName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
}
test.describe("the provider's Entra pages, light and dark themes", () => {
  test('multi-factor, not assigned, blocked, and consent on behalf of the organisation are accessible', async ({
    page,
    request,
    endpoints,
  }) => {
    test.setTimeout(120_000);
    await setPolicy(request, {
      requireMfa: ['adele'],
      requireMfaRegistration: ['isaiah'],
      notAssigned: ['alex'],
      blockByPolicy: ['lee'],
    });

    await startSignIn(page, 'Adele Vance');
    await expect(page.getByRole('heading', { name: 'Approve sign-in request' })).toBeVisible();
    await expectAccessible(page, 'provider: approve sign-in request');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Permissions requested' })).toBeVisible();
    await page.context().clearCookies();

    await startSignIn(page, 'Isaiah Langer');
    await expect(page.getByRole('heading', { name: 'More information required' })).toBeVisible();
    await expectAccessible(page, 'provider: more information required');
    await page.context().clearCookies();

    await startSignIn(page, 'Alex Wilber');
    await expect(
      page.getByRole('heading', { name: "Sorry, but we're having trouble signing you in" }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('AADSTS50105');
    await expectAccessible(page, 'provider: not assigned');
    const back = page.waitForURL((address) => address.origin === endpoints.origins.app);
    await page.getByRole('link', { name: 'Back to the application' }).click();
    await back;
    await page.context().clearCookies();

    await startSignIn(page, 'Lee Gu');
    await expect(
      page.getByRole('heading', { name: 'You cannot access this right now' }),
    ).toBeVisible();
    await expectAccessible(page, 'provider: blocked by Conditional Access');
    await page.context().clearCookies();

    await startSignIn(page, 'Patti Fernandez');
    const onBehalf = page.getByRole('checkbox', {
      name: 'Consent on behalf of your organization',
    });
    await expect(onBehalf).toBeVisible();
    await expectAccessible(page, 'provider: consent with the organisation box');
    await onBehalf.check();
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByRole('group', { name: 'Your account' })).toContainText(
      'Patti Fernandez',
    );
    const consents = (await (await request.get('/_emulator/consents')).json()) as {
      organization: string[];
    };
    expect(consents.organization).toEqual(['User.ReadWrite']);
  });

  test('the administrator-consent endpoint: a User Administrator is refused, the Global Administrator grants and returns to the app', async ({
    page,
    request,
    endpoints,
  }) => {
    const appOrigin = endpoints.origins.app;
    const state = 'state-of-the-app';
    const url = `${endpoints.issuer}/adminconsent?${new URLSearchParams({
      client_id: 'profile-editor-local',
      scope: 'https://graph.microsoft.com/User.ReadWrite.All',
      redirect_uri: `${appOrigin}/`,
      state,
    }).toString()}`;
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in as Megan Bowen' }).click();
    await expect(page.getByRole('heading', { name: 'Need admin approval' })).toBeVisible();
    await expectAccessible(page, 'provider: administrator consent refused');

    await page
      .getByRole('link', { name: 'Have an admin account? Sign in with that account' })
      .click();
    await page.getByRole('button', { name: 'Sign in as Patti Fernandez' }).click();
    await expect(page.getByText('Accept for your organization')).toBeVisible();
    await expectAccessible(page, 'provider: administrator consent');

    // The answer as the browser brought it to the app (the app may tidy its address bar after).
    const answered = page.waitForRequest(
      (sent) => sent.isNavigationRequest() && new URL(sent.url()).origin === appOrigin,
    );
    await page.getByRole('button', { name: 'Accept' }).click();
    const answer = new URL((await answered).url()).searchParams;
    expect(answer.get('admin_consent')).toBe('True');
    expect(answer.get('state')).toBe(state);
    const consents = (await (await request.get('/_emulator/consents')).json()) as {
      organization: string[];
    };
    expect(consents.organization).toEqual(['User.ReadWrite.All']);
  });
});
