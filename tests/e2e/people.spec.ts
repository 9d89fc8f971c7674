import type { APIResponse, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { PeoplePage, PositionsPage } from './support/pages';
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

test.describe('managers and administrators edit their people', () => {
  test("Megan consents once, edits Adele's job title; Adele then sees it and who changed it", async ({
    page,
    signIn,
    signedIn,
    graph,
    endpoints,
  }) => {
    const authorizeScopes = recordAuthorizeScopes(page, endpoints.issuer);
    await signIn.as('megan');
    // Sign-in asks for the user's own profile only.
    expect(authorizeScopes).toHaveLength(1);
    expect(authorizeScopes[0].split(' ')).toContain('User.ReadWrite');
    expect(authorizeScopes[0]).not.toContain('.All');

    const people = new PeoplePage(page);
    await people.open();
    expect(authorizeScopes.at(-1)).toContain('User.ReadWrite.All');
    await expect(people.directReports.getByRole('link')).toHaveText([/Adele Vance/, /Alex Wilber/]);

    // Asked once: coming back to People does not ask again.
    const asked = authorizeScopes.length;
    await page.goto('/people');
    await expect(people.directReports).toBeVisible();
    expect(authorizeScopes).toHaveLength(asked);

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
  }) => {
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

  test("Alex is told People needs an administrator, and cannot change Adele's positions, even by a forged request", async ({
    page,
    signIn,
    graph,
    request,
    endpoints,
  }) => {
    await signIn.as('alex');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'People' })
      .click();
    await expect(page.getByRole('heading', { name: 'Need admin approval' })).toBeVisible();
    await page
      .getByRole('link', { name: 'Return to the application without granting consent' })
      .click();
    const told = page
      .getByRole('alert')
      .filter({ hasText: "Editing other people's profiles needs an administrator role" });
    await expect(told).toBeVisible();
    await expect(page).toHaveURL(/\/people$/);

    // Not asked again in a loop, and My profile still works.
    await page.goto(`/people/${PERSONAS.adele.id}`);
    await expect(told).toBeVisible();
    await expect(page.getByRole('link', { name: /^Edit / })).toHaveCount(0);
    await page.getByRole('link', { name: 'Go to My profile' }).click();
    await expect(new PositionsPage(page).card('Marketing Assistant at Contoso')).toBeVisible();

    // A request forged with Alex's own token is refused and changes nothing.
    const bearer = graph.calls.map((call) => call.headers.authorization).find(Boolean)!;
    const adelePositions = `${endpoints.graphBaseUrl}/users/${PERSONAS.adele.id}/profile/positions`;
    const before = await request.get(adelePositions, { headers: { authorization: bearer } });
    expect(before.status()).toBe(403);
    expect(await errorCode(before)).toBe('Authorization_RequestDenied');
    const megan = await request.get(
      `${endpoints.graphBaseUrl}/users/adele@contoso.com/profile/positions`,
      {
        headers: { authorization: bearer },
      },
    );
    expect(megan.status()).toBe(403);
    const patch = await request.patch(`${adelePositions}/00000000-0000-0000-0000-000000000000`, {
      headers: { authorization: bearer, 'content-type': 'application/json' },
      data: { detail: { jobTitle: 'Hacked' } },
    });
    expect(patch.status()).toBe(403);
    expect(await errorCode(patch)).toBe('Authorization_RequestDenied');
    const create = await request.post(adelePositions, {
      headers: { authorization: bearer, 'content-type': 'application/json' },
      data: { detail: { jobTitle: 'Hacked' } },
    });
    expect(create.status()).toBe(403);

    // Adele's positions are as seeded.
    await page.context().clearCookies();
    await page.evaluate(() => sessionStorage.clear());
    await signIn.as('adele');
    expect(await new PositionsPage(page).titles()).toEqual([
      'Retail Manager',
      'Auditor',
      'Sales Associate',
    ]);
  });

  test("a manager who reloads on a person's page lands on the same person", async ({
    page,
    signedIn,
  }) => {
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
});
