import type { APIResponse, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { PeoplePage, PositionsPage, SignIn } from './support/pages';
import { PERSONAS } from './support/personas';

/** The `error.code` of a Graph error answer. */
async function errorCode(response: APIResponse): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** The scopes of every authorization request the page sends to the provider. */
function recordAuthorizeScopes(page: Page, issuer: string): string[] {
  const scopes: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${issuer}/auth`)
      scopes.push(url.searchParams.get('scope') ?? '');
  });
  return scopes;
}

test.describe('who may see and change other people, as on Entra', () => {
  test('Megan, a User Administrator, cannot grant People; Patti grants it for the organisation through the administrator-consent endpoint; then Megan edits Adele', async ({
    page,
    browser,
    signIn,
    signedIn,
    graph,
    endpoints,
    request,
  }) => {
    const authorizeScopes = recordAuthorizeScopes(page, endpoints.issuer);
    await signIn.as('megan');
    // Sign-in asks for the user's own profile only.
    expect(authorizeScopes).toHaveLength(1);
    expect(authorizeScopes[0].split(' ')).toContain('User.ReadWrite');
    expect(authorizeScopes[0]).not.toContain('.All');

    // People explains before anyone is sent anywhere: what, who may grant it, why.
    const people = new PeoplePage(page);
    await people.openFromHeader();
    await expect(people.permissionNeeded).toBeVisible();
    await expect(people.permissionNeeded).toContainText('User.ReadWrite.All');
    await expect(people.permissionNeeded).toContainText(
      'Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator',
    );
    await expect(people.permissionNeeded).toContainText(
      "A User Administrator can change people's profiles but cannot grant an app this permission",
    );
    await expect(people.permissionNeeded).toContainText(
      'Ask an administrator to grant Profile Editor the permission User.ReadWrite.All',
    );
    await expect(page.getByRole('button', { name: 'Grant for the organisation' })).toHaveCount(0);
    expect(authorizeScopes).toHaveLength(1);

    // Patti, the Global Administrator, at her own desk: offered Entra's administrator-consent link.
    const pattiContext = await browser.newContext({ ignoreHTTPSErrors: true });
    const pattiPage = await pattiContext.newPage();
    await new SignIn(pattiPage).as('patti');
    const pattiPeople = new PeoplePage(pattiPage);
    await pattiPeople.openFromHeader();
    await expect(pattiPeople.permissionNeeded).toContainText("You're a Global Administrator");
    const consentRequest = pattiPage.waitForRequest((sent) =>
      sent.url().startsWith(`${endpoints.issuer}/adminconsent?`),
    );
    await pattiPage.getByRole('button', { name: 'Grant for the organisation' }).click();
    const asked = new URL((await consentRequest).url()).searchParams;
    expect(asked.get('client_id')).toBe('profile-editor-local');
    expect(asked.get('redirect_uri')).toBe(`${endpoints.origins.app}/`);
    expect(asked.get('scope')).toBe(`${new URL(endpoints.graphBaseUrl).origin}/User.ReadWrite.All`);
    expect(asked.get('state')).toMatch(/^[0-9a-f-]{36}$/);
    await expect(pattiPage.getByText('Accept for your organization')).toBeVisible();
    await pattiPage.getByRole('button', { name: 'Accept' }).click();
    // Back on People, with the answer read and taken out of the address.
    await expect(pattiPage).toHaveURL(`${endpoints.origins.app}/people`);
    await expect(
      pattiPage.getByRole('status').filter({ hasText: 'Permission granted for your organisation' }),
    ).toBeVisible();
    await expect(pattiPage.getByText('No one reports to you in the directory.')).toBeVisible();
    const consents = (await (await request.get('/_emulator/consents')).json()) as {
      organization: string[];
    };
    expect(consents.organization).toEqual(['User.ReadWrite.All']);
    await pattiContext.close();

    // Megan checks again: the grant reaches her sign-in without a prompt.
    await page.getByRole('button', { name: 'Check again' }).click();
    await expect(people.directReports.getByRole('link', { name: /^Adele Vance/ })).toBeVisible();
    await expect(people.directReports.getByRole('link', { name: /^Alex Wilber/ })).toBeVisible();
    expect(authorizeScopes).toHaveLength(1);

    const adele = await people.openPerson('Adele Vance', people.directReports);
    await expect(page.getByRole('note', { name: 'Whose profile' })).toContainText(
      "Adele Vance's profile",
    );
    const form = await adele.edit('Auditor at Contoso Ltd.');
    await expect(page.getByRole('note', { name: 'Whose profile' })).toContainText(
      "You're editing Adele Vance's profile",
    );
    graph.clear();
    await form.jobTitle.fill('Chief Auditor');
    await form.saveAndWait();
    const writes = graph.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0].method).toBe('PATCH');
    expect(writes[0].path).toMatch(
      new RegExp(`^/users/${PERSONAS.adele.id}/profile/positions/[0-9a-f-]{36}$`),
    );
    expect(Object.keys(writes[0].body as object)).toEqual(['detail']);

    const adelePage = await signedIn.newPage('adele');
    const own = new PositionsPage(adelePage);
    await expect(own.card('Chief Auditor at Contoso Ltd.')).toContainText(
      'Last edited by Megan Bowen',
    );
    await adelePage.context().close();
  });

  test('Diego finds Lee Gu by searching and edits a category', async ({
    page,
    signedIn,
    graph,
    emulator,
  }) => {
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('diego');
    const people = new PeoplePage(page);
    await people.open();
    await expect(page.getByText('No one reports to you in the directory.')).toBeVisible();
    await people.find('gu');
    await expect(people.results.getByRole('link')).toHaveText([/Lee Gu/]);
    const search = graph.calls.find((call) => call.path.startsWith('/users?'))!;
    expect(decodeURIComponent(search.path)).toContain('$search="displayName:gu"');
    expect(search.headers.consistencylevel).toBe('eventual');
    await people.find('Lee');
    const lee = await people.openPerson('Lee Gu');
    const form = await lee.edit('Director at Contoso');
    graph.clear();
    await form.addCategory('innovation');
    await form.saveAndWait();
    expect(graph.writes().map((call) => [call.method, call.path, call.body])).toEqual([
      [
        'PATCH',
        expect.stringMatching(new RegExp(`^/users/${PERSONAS.lee.id}/profile/positions/`)),
        { categories: ['research', 'innovation'] },
      ],
    ]);
  });

  test("Alex, with the scope granted to the organisation, sees Adele's positions read-only: no Edit, Delete or Add, and a forged write is refused", async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('alex');
    const people = new PeoplePage(page);
    await people.open();
    await expect(page.getByText('changing it takes an administrator role')).toBeVisible();
    await people.find('Adele');
    const adele = await people.openPerson('Adele Vance');
    await expect(adele.card('Auditor at Contoso Ltd.')).toBeVisible();
    await expect(page.getByRole('note', { name: 'Whose profile' })).toContainText(
      'You can see their positions but not change them',
    );
    // Known before anyone types: nothing offers a change.
    await expect(page.getByRole('link', { name: /^Edit / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Delete / })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Add position' })).toHaveCount(0);

    // An editor's address, typed or bookmarked, opens no form either.
    const bearer = graph.calls
      .filter((call) => call.path.startsWith(`/users/${PERSONAS.adele.id}/profile/positions`))
      .map((call) => call.headers.authorization)
      .find(Boolean)!;
    const adelePositions = `${endpoints.graphBaseUrl}/users/${PERSONAS.adele.id}/profile/positions`;
    const listed = (await (
      await request.get(adelePositions, { headers: { authorization: bearer } })
    ).json()) as { value: { id: string; detail: { jobTitle: string } }[] };
    const auditor = listed.value.find((position) => position.detail.jobTitle === 'Auditor')!;
    await page.goto(`/people/${PERSONAS.adele.id}/positions/${auditor.id}`);
    await expect(
      page.getByRole('heading', { name: "You can't change this profile" }),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Job title/ })).toHaveCount(0);
    await page.goto(`/people/${PERSONAS.adele.id}/positions/new`);
    await expect(
      page.getByRole('heading', { name: "You can't change this profile" }),
    ).toBeVisible();
    await page.getByRole('link', { name: "Back to Adele Vance's positions" }).click();
    await expect(page.getByRole('heading', { name: "Adele Vance's positions" })).toBeVisible();

    // His token reads Adele (the organisation's grant) and Graph refuses his writes for want of a role.
    const patch = await request.patch(`${adelePositions}/${auditor.id}`, {
      headers: { authorization: bearer, 'content-type': 'application/json' },
      data: { detail: { jobTitle: 'Hacked' } },
    });
    expect(patch.status()).toBe(403);
    expect(await errorCode(patch)).toBe('ErrorAccessDeniedForRole');
    const create = await request.post(adelePositions, {
      headers: { authorization: bearer, 'content-type': 'application/json' },
      data: { detail: { jobTitle: 'Hacked' } },
    });
    expect(create.status()).toBe(403);
    const after = (await (
      await request.get(adelePositions, { headers: { authorization: bearer } })
    ).json()) as { value: { detail: { jobTitle: string } }[] };
    expect(after.value.map((position) => position.detail.jobTitle).sort()).toEqual(
      listed.value.map((position) => position.detail.jobTitle).sort(),
    );

    // His own profile stays his to edit.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My profile' })
      .click();
    await expect(
      page.getByRole('link', { name: 'Edit Marketing Assistant at Contoso' }),
    ).toBeVisible();
  });

  test('Alex, before anyone has granted People, is told what to ask an administrator for, and is not sent to a consent page', async ({
    page,
    signIn,
    endpoints,
  }) => {
    const authorizeScopes = recordAuthorizeScopes(page, endpoints.issuer);
    await signIn.as('alex');
    const people = new PeoplePage(page);
    await people.openFromHeader();
    await expect(people.permissionNeeded).toContainText(
      'Ask an administrator to grant Profile Editor the permission User.ReadWrite.All for your organisation',
    );
    await expect(page.getByRole('button', { name: 'Grant for the organisation' })).toHaveCount(0);
    await expect(page).toHaveURL(/\/people$/);
    // Opening someone's page directly says the same, and nothing loops through the provider.
    await page.goto(`/people/${PERSONAS.adele.id}`);
    await expect(people.permissionNeeded).toBeVisible();
    await expect(page.getByRole('link', { name: /^Edit / })).toHaveCount(0);
    expect(authorizeScopes.filter((scope) => scope.includes('.All'))).toEqual([]);
    await page.getByRole('link', { name: 'Go to My profile' }).click();
    await expect(new PositionsPage(page).card('Marketing Assistant at Contoso')).toBeVisible();
  });

  test("a manager who reloads on a person's page lands on the same person", async ({
    page,
    signedIn,
    emulator,
  }) => {
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('megan');
    const people = new PeoplePage(page);
    await people.open();
    await people.openPerson('Alex Wilber', people.directReports);
    await expect(page).toHaveURL(new RegExp(`/people/${PERSONAS.alex.id}$`));
    await page.reload();
    await expect(page.getByRole('heading', { name: "Alex Wilber's positions" })).toBeVisible();
    await expect(new PositionsPage(page).card('Marketing Assistant at Contoso')).toBeVisible();

    await page.goto(`/people/${PERSONAS.lee.id}`);
    await expect(page.getByRole('heading', { name: "Lee Gu's positions" })).toBeVisible();
    await page.goto('/people/00000000-0000-0000-0000-000000000000');
    await expect(page.getByRole('heading', { name: 'Person not found' })).toBeVisible();
  });

  test("a 403 on a save of someone else's position turns the form read-only and keeps what was typed", async ({
    page,
    signedIn,
    emulator,
    request,
  }) => {
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('megan', { path: `/people/${PERSONAS.adele.id}` });
    const form = await new PositionsPage(page).edit('Auditor at Contoso Ltd.');
    await form.jobTitle.fill('Typed before the refusal');
    // Graph refuses the write for want of a role (her role removed meanwhile, say).
    const failNext = await request.post('/_emulator/faults', {
      data: { failNext: [{ error: 'accessDeniedForRole', method: 'PATCH' }] },
    });
    expect(failNext.ok(), await failNext.text()).toBe(true);
    await form.save.click();
    await expect(
      page.getByRole('alert').filter({ hasText: "your role doesn't allow this change" }),
    ).toBeVisible();
    await expect(page.getByText('the form is read-only now')).toBeVisible();
    await expect(form.jobTitle).toHaveValue('Typed before the refusal');
    await expect(form.jobTitle).toBeDisabled();
    await expect(form.save).toBeDisabled();
    // The draft stays, in this tab only (someone else's data).
    const drafts = () =>
      page.evaluate(() => ({
        session: Object.keys(sessionStorage).filter((key) =>
          key.startsWith('profile-editor.draft.'),
        ).length,
        local: Object.keys(localStorage).filter((key) => key.startsWith('profile-editor.draft.'))
          .length,
      }));
    await expect.poll(drafts).toEqual({ session: 1, local: 0 });
  });
});
