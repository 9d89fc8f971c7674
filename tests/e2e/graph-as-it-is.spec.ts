import type { APIRequestContext, Page } from '@playwright/test';
import type { LocalEndpoints } from '../../emulator/endpoints.js';
import { expectJobTitleConflict, meganSavesOnAdele } from './support/conflict';
import { expect, test } from './support/fixtures';
import { GraphRecorder } from './support/graph-recorder';
import { PositionsPage } from './support/pages';

/*
 * The app against Graph as it really is (the emulator's default, graph-profile-api.md):
 * no etags on profile facets, data as real tenants hold it, Graph and sign-in on origins
 * of their own, Retry-After unreadable by the browser, vague errors. The strict option's
 * 412 path is in never-lose-an-edit.spec.ts.
 */

const AUDITOR = 'Auditor at Contoso Ltd.';
const SYNCED = 'Regional Retail Lead';

interface StoredPosition {
  id: string;
  allowedAudiences: string;
  categories: string[] | null;
  detail: {
    jobTitle: string;
    description: string | null;
    employeeId?: string | null;
    role?: string | null;
    startMonthYear: string | null;
    endMonthYear: string | null;
    company: { displayName: string | null; department: string | null; webUrl?: string | null };
  };
}

/** Graph, called as the page calls it (with a token the page used), for what is stored. */
function graphAs(
  request: APIRequestContext,
  graph: GraphRecorder,
  endpoints: Pick<LocalEndpoints, 'graphBaseUrl'>,
) {
  const authorization = () =>
    graph.calls
      .map((call) => call.headers.authorization)
      .filter(Boolean)
      .at(-1)!;
  const base = `${endpoints.graphBaseUrl}/me/profile/positions`;
  return {
    async list(): Promise<StoredPosition[]> {
      const response = await request.get(base, { headers: { authorization: authorization() } });
      expect(response.status()).toBe(200);
      return ((await response.json()) as { value: StoredPosition[] }).value;
    },
    async find(jobTitle: string): Promise<StoredPosition> {
      const found = (await this.list()).find((position) => position.detail.jobTitle === jobTitle);
      expect(found, `a stored position titled ${jobTitle}`).toBeDefined();
      return found!;
    },
    /** A write by someone other than the app (HR, a directory sync): `detail` changed whole. */
    async patchDetail(id: string, change: (detail: StoredPosition['detail']) => void) {
      const read = await request.get(`${base}/${id}`, {
        headers: { authorization: authorization() },
      });
      const { detail } = (await read.json()) as StoredPosition;
      change(detail);
      const response = await request.patch(`${base}/${id}`, {
        headers: { authorization: authorization(), 'content-type': 'application/json' },
        data: { detail },
      });
      expect(response.status()).toBe(200);
    },
  };
}

const positionIdOf = (page: Page) => page.url().split('/').at(-1)!;

test.describe('without etags (Graph as documented), no one loses an edit', () => {
  test('two browsers change different fields inside detail of the same position, and a sync changes members neither of them touched: every change is kept, nobody is asked', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
    emulator,
  }) => {
    // Megan edits Adele's profile: an administrator has granted User.ReadWrite.All for the organisation.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('adele');
    const adeleForm = await new PositionsPage(page).edit(AUDITOR);
    const stored = graphAs(request, graph, endpoints);
    // A directory sync writes members of detail Adele does not touch (shown under More details).
    await stored.patchDetail(positionIdOf(page), (detail) => {
      detail.employeeId = 'E-1001';
      detail.role = 'Senior';
    });
    await meganSavesOnAdele(signedIn, AUDITOR, async (form) => {
      await form.department.fill('Group Finance');
      await form.addCategory('compliance');
    });

    // Adele, still on the version she opened, changes another field of detail.
    await adeleForm.jobTitle.fill('Senior Auditor');
    graph.clear();
    await adeleForm.saveAndWait();
    await expect(page.getByRole('region', { name: /Someone else changed/ })).toHaveCount(0);
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 200],
      ['PATCH', 200],
    ]);
    const [patch] = graph.writes();
    expect(patch.headers['if-match']).toBeUndefined();
    expect(Object.keys(patch.body as object)).toEqual(['detail']);
    // The form now shows Megan's department, saved with Adele's title.
    await expect(adeleForm.department).toHaveValue('Group Finance');

    const auditor = await stored.find('Senior Auditor');
    expect(auditor.detail.company.department).toBe('Group Finance');
    expect(auditor.detail.employeeId).toBe('E-1001');
    expect(auditor.detail.role).toBe('Senior');
    expect(auditor.categories).toEqual(['compliance']);
  });

  test('two browsers change the same field: the conflict view shows both before anything is written, and keeping mine saves it with the other change', async ({
    page,
    signedIn,
    graph,
    request,
    endpoints,
    emulator,
  }) => {
    // Megan edits Adele's profile: an administrator has granted User.ReadWrite.All for the organisation.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('adele');
    const adeleForm = await new PositionsPage(page).edit(AUDITOR);
    await meganSavesOnAdele(signedIn, AUDITOR, (form) => form.jobTitle.fill('Chief Auditor'));

    await adeleForm.jobTitle.fill('Lead Auditor');
    await adeleForm.department.fill('Internal Audit');
    graph.clear();
    await adeleForm.save.click();
    const panel = await expectJobTitleConflict(page);
    // The read found the clash: nothing was written.
    expect(graph.calls.map((call) => call.method)).toEqual(['GET']);

    await panel.getByRole('radio', { name: 'Keep mine' }).check();
    await panel.getByRole('button', { name: 'Save with these choices' }).click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    expect(graph.calls.map((call) => call.method)).toEqual(['GET', 'GET', 'PATCH']);
    expect(graph.writes()[0].body).toMatchObject({
      detail: { jobTitle: 'Lead Auditor', company: { department: 'Internal Audit' } },
    });
    const auditor = await graphAs(request, graph, endpoints).find('Lead Auditor');
    expect(auditor.detail.company.department).toBe('Internal Audit');
  });

  test('a save whose answer is lost is recognised as done when it is tried again: the read shows it, and nothing is sent twice', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Principal Auditor');
    await emulator.setFaults({ loseNextResponses: 1 });
    graph.clear();
    // The read's answer is the one lost; the PATCH after the second read goes through.
    await form.save.click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    expect(graph.calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    const stored = await graphAs(request, graph, endpoints).list();
    expect(stored.filter((p) => p.detail.jobTitle === 'Principal Auditor')).toHaveLength(1);

    // Now the PATCH's answer is lost: the retry reads, finds the change stored, sends nothing.
    await form.jobTitle.fill('Principal Auditor II');
    let lost = false;
    await page.route(`${endpoints.graphBaseUrl}/me/profile/positions/*`, async (route) => {
      if (route.request().method() === 'PATCH' && !lost) {
        lost = true;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    graph.clear();
    await form.save.click();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    expect(graph.calls.map((call) => call.method)).toEqual(['GET', 'PATCH', 'GET']);
    await expect(form.save).toBeDisabled();
  });
});

test.describe('untidy data, as real tenants hold it', () => {
  test('the position from the directory reads as a person expects, and a visibility or categories change sends that property alone', async ({
    page,
    signedIn,
    graph,
    positions,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const card = positions.card(SYNCED);
    await expect(card).toContainText('No start date – Present');
    await expect(card).toContainText('No company name · Retail');
    await expect(card).toContainText('Visible to: Everyone in my organization');
    await expect(card).toContainText('Last edited by AAD');
    await expect(card).not.toContainText('Last edited by AAD on');
    await expect(card).not.toContainText(/1901|0001|Jan 1\b/);
    // A web address without a scheme is shown, never made a link.
    await expect(card).toContainText('contoso.com');
    await expect(card.getByRole('link', { name: 'contoso.com' })).toHaveCount(0);

    const form = await positions.edit(SYNCED);
    await expect(form.startMonth).toHaveValue('');
    await expect(form.startYear).toHaveValue('');
    await expect(form.company).toHaveValue('');
    await expect(form.webAddress).toHaveValue('contoso.com');

    graph.clear();
    await form.chooseAudience('Only me');
    await form.saveAndWait();
    await expect(page.getByText('Check the highlighted fields')).toHaveCount(0);
    expect(graph.calls.map((call) => call.method)).toEqual(['GET', 'PATCH']);
    expect(graph.writes().map((call) => call.body)).toEqual([{ allowedAudiences: 'me' }]);

    graph.clear();
    await form.addCategory('retail');
    await form.saveAndWait();
    expect(graph.writes().map((call) => call.body)).toEqual([{ categories: ['retail'] }]);

    const stored = await graphAs(request, graph, endpoints).find(SYNCED);
    expect(stored.allowedAudiences).toBe('me');
    expect(stored.categories).toEqual(['retail']);
    expect(stored.detail).toMatchObject({
      startMonthYear: '0001-01-01',
      endMonthYear: '0001-01-01',
      company: { displayName: '', webUrl: 'contoso.com' },
    });
  });

  test('an edit inside detail sends the untidy values back untouched; flags and unknown audiences are shown in words and not sent unless changed', async ({
    signedIn,
    graph,
    positions,
    request,
    endpoints,
    emulator,
  }) => {
    // Megan and Diego (User Administrators) open People when they sign in: the organisation's consent.
    await emulator.grantForOrganization(['User.ReadWrite.All']);
    await signedIn.as('adele');
    const form = await positions.edit(SYNCED);
    graph.clear();
    await form.description.fill('Leads the stores of the region');
    await form.saveAndWait();
    const [patch] = graph.writes();
    expect(Object.keys(patch.body as object)).toEqual(['detail']);
    expect((patch.body as StoredPosition).detail).toMatchObject({
      description: 'Leads the stores of the region',
      startMonthYear: '0001-01-01',
      endMonthYear: '0001-01-01',
      company: { displayName: '', department: 'Retail', webUrl: 'contoso.com' },
    });
    expect((await graphAs(request, graph, endpoints).find(SYNCED)).detail.company.displayName).toBe(
      '',
    );

    // Megan's Marketing Manager: a flags audience.
    const megan = await signedIn.newPage('megan');
    const meganPositions = new PositionsPage(megan);
    const flags = 'Everyone in my organization and people in trusted organizations';
    await expect(meganPositions.card('Marketing Manager at Contoso')).toContainText(
      `Visible to: ${flags}`,
    );
    const meganForm = await meganPositions.edit('Marketing Manager at Contoso');
    await expect(meganForm.visibleTo).toContainText(flags);
    const meganGraph = new GraphRecorder(megan, endpoints);
    await meganForm.description.fill('Runs marketing');
    await meganForm.saveAndWait();
    expect(meganGraph.writes().map((call) => Object.keys(call.body as object))).toEqual([
      ['detail'],
    ]);
    const marketing = await graphAs(request, meganGraph, endpoints).find('Marketing Manager');
    expect(marketing.allowedAudiences).toBe('organization,federatedOrganizations');
    await megan.context().close();

    // Diego's HR Manager: unknownFutureValue, in words, kept while something else changes.
    const diego = await signedIn.newPage('diego');
    const diegoPositions = new PositionsPage(diego);
    await expect(diegoPositions.card('HR Manager at Contoso')).toContainText(
      'Visible to: A setting newer than this app (unknownFutureValue)',
    );
    const diegoGraph = new GraphRecorder(diego, endpoints);
    const diegoForm = await diegoPositions.edit('HR Manager at Contoso');
    await diegoForm.addCategory('recruiting');
    await diegoForm.saveAndWait();
    expect(diegoGraph.writes().map((call) => call.body)).toEqual([
      { categories: ['people', 'recruiting'] },
    ]);
    await diego.context().close();
  });
});

test.describe('Graph and sign-in on origins of their own', () => {
  test('sign-in and Graph requests go to other origins than the app’s, through CORS preflights', async ({
    page,
    signIn,
    endpoints,
  }) => {
    const app = new URL(endpoints.origins.app).origin;
    const graphOrigin = new URL(endpoints.graphBaseUrl).origin;
    const signInOrigin = new URL(endpoints.issuer).origin;
    expect(new Set([app, graphOrigin, signInOrigin]).size).toBe(3);
    const seen: { method: string; url: URL; authorized: boolean }[] = [];
    page.on('request', (request) =>
      seen.push({
        method: request.method(),
        url: new URL(request.url()),
        authorized: 'authorization' in request.headers(),
      }),
    );

    await signIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Cross-origin Auditor');
    await form.saveAndWait();

    const graphCalls = seen.filter((call) => call.url.href.startsWith(endpoints.graphBaseUrl));
    const signInCalls = seen.filter((call) => call.url.href.startsWith(endpoints.issuer));
    expect(graphCalls.map((call) => call.method)).toEqual(expect.arrayContaining(['GET', 'PATCH']));
    expect(graphCalls.every((call) => call.url.origin === graphOrigin)).toBe(true);
    expect(
      signInCalls.map((call) => `${call.method} ${call.url.pathname.split('/').at(-1)}`),
    ).toEqual(expect.arrayContaining(['GET auth', 'POST token']));
    expect(signInCalls.every((call) => call.url.origin === signInOrigin)).toBe(true);
    // The bearer token goes to Graph only, never to the app's own origin.
    expect(seen.filter((call) => call.url.origin === app && call.authorized)).toEqual([]);
    expect(
      seen.filter(
        (call) =>
          call.url.origin === app && /^\/(beta|[0-9a-f-]{36}\/v2\.0)\b/.test(call.url.pathname),
      ),
    ).toEqual([]);
  });

  test('a save through 429s whose Retry-After the browser cannot read: it backs off by itself, says it is retrying, and saves once', async ({
    page,
    signedIn,
    graph,
    emulator,
    request,
    endpoints,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.description.fill('Saved through throttling');
    const throttled: { retryAfter?: string; exposed: string }[] = [];
    page.on('response', (response) => {
      if (response.status() === 429)
        throttled.push({
          retryAfter: response.headers()['retry-after'],
          exposed: (response.headers()['access-control-expose-headers'] ?? '').toLowerCase(),
        });
    });
    // Graph asks for 20 s; the browser cannot see it, so the app backs off on its own
    // (exponential, full jitter: under 2 s for two retries). Slow answers keep the
    // "retrying" status on screen long enough to be seen.
    const RETRY_AFTER_S = 20;
    await emulator.setFaults({
      throttleNextRequests: 2,
      retryAfterSeconds: RETRY_AFTER_S,
      latencyMs: 400,
    });
    graph.clear();
    const started = Date.now();
    await form.save.click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /Microsoft Graph is busy; trying again \(attempt [23] of 4\)/ }),
    ).toBeVisible();
    await expect(page.getByText('All changes saved.')).toBeVisible();
    const took = Date.now() - started;
    await emulator.setFaults({ latencyMs: 0 });

    expect(throttled).toHaveLength(2);
    for (const answer of throttled) {
      expect(answer.retryAfter).toBe(String(RETRY_AFTER_S));
      expect(answer.exposed).not.toContain('retry-after');
    }
    expect(took).toBeLessThan(RETRY_AFTER_S * 1000);
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 429],
      ['GET', 429],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    const stored = await graphAs(request, graph, endpoints).find('Auditor');
    expect(stored.detail.description).toBe('Saved through throttling');
  });
});

test.describe('vague and documented errors', () => {
  test('a 404 UnknownError on the PATCH of a position that is still there is tried once more, not shown as deleted', async ({
    page,
    signedIn,
    graph,
    emulator,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Steadfast Auditor');
    await emulator.setFaults({ failNext: [{ error: 'unknownErrorNotFound', method: 'PATCH' }] });
    graph.clear();
    await form.saveAndWait();
    expect(graph.calls.map((call) => [call.method, call.status])).toEqual([
      ['GET', 200],
      ['PATCH', 404],
      ['GET', 200],
      ['PATCH', 200],
    ]);
    await expect(page.getByText('Someone else deleted this position')).toHaveCount(0);
  });

  test('each reported or documented refusal says what happened in plain words, with the request id, and the input stays', async ({
    page,
    signedIn,
    emulator,
  }) => {
    await signedIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    await form.jobTitle.fill('Patient Auditor');
    await emulator.setFaults({
      failNext: [
        { error: 'accessDeniedForRole', method: 'PATCH' },
        { error: 'unknownError', method: 'PATCH' },
        { error: 'requestTooLarge', method: 'PATCH' },
        { error: 'unsupportedMediaType', method: 'PATCH' },
      ],
    });
    const alert = page.getByRole('alert').filter({ hasText: 'Saving your changes' });
    for (const [title, words] of [
      ["your role doesn't allow this change", 'needs a directory role that may update users'],
      ['Microsoft Graph refused the change without saying why', 'Check the values you changed'],
      ['the change is too large for Microsoft Graph', 'Shorten the longest texts'],
      ["Microsoft Graph couldn't read the request", 'This is a fault in Profile Editor'],
    ]) {
      await form.save.click();
      await expect(alert).toContainText(title, { ignoreCase: true });
      await expect(alert).toContainText(words);
      await expect(alert).toContainText(/Request ID [0-9a-f-]{36}/);
      await expect(form.jobTitle).toHaveValue('Patient Auditor');
    }
    await form.saveAndWait();
  });
});
