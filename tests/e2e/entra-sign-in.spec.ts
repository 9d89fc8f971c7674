import type { Page } from '@playwright/test';
import { contentSecurityPolicy } from '../../src/config/content-security-policy';
import type { EmulatorControls } from './support/emulator-controls';
import type { GraphRecorder, RecordedCall } from './support/graph-recorder';
import { expect, test } from './support/fixtures';
import { accountArea, PositionForm, PositionsPage } from './support/pages';

/**
 * The app against Entra's rules, as the local provider reproduces them: each sign-in
 * failure explained by its AADSTS number, silent sign-in in a new tab, "sign in again"
 * that comes back to the page with the draft, claims challenges, and refusals that stay
 * with the person who gave them.
 */

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const AUDITOR = 'Auditor at Contoso Ltd.';

/** The authorization requests the page sends to the provider (their `prompt`, if any). */
function recordAuthorize(page: Page, issuer: string): { prompt: string; scope: string }[] {
  const seen: { prompt: string; scope: string }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (`${url.origin}${url.pathname}` === `${issuer}/auth`)
      seen.push({
        prompt: url.searchParams.get('prompt') ?? '',
        scope: url.searchParams.get('scope') ?? '',
      });
  });
  return seen;
}

const signInProblems: {
  name: string;
  policy?: Parameters<EmulatorControls['setIdentityPolicy']>[0];
  who: string;
  /** At the provider, from the first page after choosing the account back to the app. */
  atProvider: (page: Page) => Promise<void>;
  aadsts: number;
  title: string;
  advice: RegExp;
}[] = [
  {
    name: 'consent declined',
    who: 'Adele Vance',
    atProvider: (page) => page.getByRole('link', { name: 'Cancel' }).click(),
    aadsts: 65004,
    title: "Permission wasn't given",
    advice: /ask again and choose Accept/,
  },
  {
    name: 'a tenant that refuses user consent',
    policy: { userConsent: 'disabled' },
    who: 'Adele Vance',
    atProvider: async (page) => {
      await expect(page.getByRole('heading', { name: 'Need admin approval' })).toBeVisible();
      await page
        .getByRole('link', { name: 'Return to the application without granting consent' })
        .click();
    },
    aadsts: 90094,
    title: 'An administrator must approve this first',
    advice: /Ask an administrator .* to grant Profile Editor the permission User\.ReadWrite\./,
  },
  {
    name: 'a user not assigned to the application',
    policy: { notAssigned: ['alex'] },
    who: 'Alex Wilber',
    atProvider: (page) => page.getByRole('link', { name: 'Back to the application' }).click(),
    aadsts: 50105,
    title: "Your account isn't assigned to Profile Editor",
    advice: /assign you to Profile Editor/,
  },
  {
    name: 'an unknown application (wrong client id or tenant)',
    policy: { unknownClient: true },
    who: '',
    atProvider: (page) => page.getByRole('link', { name: 'Back to the application' }).click(),
    aadsts: 700016,
    title: "Profile Editor isn't registered where it signs in",
    advice: /check its app registration/,
  },
  {
    name: 'a second factor not given',
    policy: { requireMfa: ['adele'] },
    who: 'Adele Vance',
    atProvider: (page) => page.getByRole('link', { name: "I can't verify right now" }).click(),
    aadsts: 50074,
    title: 'Your organisation needs you to verify it is you',
    advice: /Press Sign in to go again/,
  },
  {
    name: 'a sign-in blocked by Conditional Access',
    policy: { blockByPolicy: ['lee'] },
    who: 'Lee Gu',
    atProvider: (page) => page.getByRole('link', { name: 'Back to the application' }).click(),
    aadsts: 53003,
    title: "Your organisation's access policy blocked this sign-in",
    advice: /device or network your organisation allows/,
  },
];

test.describe('each sign-in failure has its own words, with its number, correlation id and time', () => {
  for (const problem of signInProblems) {
    test(`${problem.name} (AADSTS${problem.aadsts})`, async ({ page, emulator }) => {
      if (problem.policy) await emulator.setIdentityPolicy(problem.policy);
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // An unknown application stops before any account is chosen.
      if (problem.who)
        await page.getByRole('button', { name: `Sign in as ${problem.who}` }).click();
      await problem.atProvider(page);
      const alert = page.getByRole('alert').filter({ hasText: problem.title });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(problem.advice);
      await expect(alert).toContainText(
        new RegExp(
          `AADSTS${problem.aadsts} · [a-z_]+ · Correlation ID ${GUID} · \\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}`,
        ),
      );
      // Only its own words: no other problem's title on the page.
      for (const other of signInProblems.filter((each) => each.title !== problem.title))
        await expect(page.getByText(other.title)).toHaveCount(0);
      // And the way on is still there.
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    });
  }
});

test.describe('silent sign-in at start-up', () => {
  test('a new tab signs in without a click while the provider has a session; without one, the sign-in page shows at once', async ({
    page,
    context,
    signIn,
    endpoints,
  }) => {
    await signIn.as('adele');

    const second = await context.newPage();
    const secondAuthorize = recordAuthorize(second, endpoints.issuer);
    await second.goto('/');
    await expect(accountArea(second)).toContainText('Adele Vance');
    await expect(new PositionsPage(second).card(AUDITOR)).toBeVisible();
    expect(secondAuthorize.map((request) => request.prompt)).toEqual(['none']);
    await second.close();

    // The provider's session gone: the hidden request answers login_required (AADSTS50058)
    // and the sign-in page shows, with nothing to explain.
    await context.clearCookies();
    const third = await context.newPage();
    const thirdAuthorize = recordAuthorize(third, endpoints.issuer);
    const started = Date.now();
    await third.goto('/');
    await expect(third.getByRole('button', { name: 'Sign in' })).toBeVisible();
    const waited = Date.now() - started;
    expect(thirdAuthorize.map((request) => request.prompt)).toEqual(['none']);
    await expect(third.getByRole('alert')).toHaveCount(0);
    // One round trip, not MSAL's ten-second frame timeout.
    expect(waited).toBeLessThan(5_000);
    await third.close();

    // Having found no session, the next tab does not ask again.
    const fourth = await context.newPage();
    const fourthAuthorize = recordAuthorize(fourth, endpoints.issuer);
    await fourth.goto('/');
    await expect(fourth.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(fourthAuthorize).toEqual([]);
    await page.close();
  });

  test('a first visit asks the provider nothing before showing the sign-in page', async ({
    page,
    endpoints,
  }) => {
    const authorize = recordAuthorize(page, endpoints.issuer);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    expect(authorize).toEqual([]);
  });
});

/**
 * From now on the page's loads of redirect.html carry `policy` as their header, as a host
 * that applies one policy to every page would send it. Through the browser's own
 * interception (CDP): the hidden frame reaches redirect.html by the provider's redirect,
 * which Playwright's page.route does not see.
 */
async function serveBridgeWithPolicy(page: Page, policy: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Fetch.requestPaused', (event) => {
    void (async () => {
      const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', {
        requestId: event.requestId,
      });
      const headers = (event.responseHeaders ?? []).filter(
        (header) => header.name.toLowerCase() !== 'content-security-policy',
      );
      await cdp.send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: event.responseStatusCode ?? 200,
        responseHeaders: [...headers, { name: 'Content-Security-Policy', value: policy }],
        body: base64Encoded ? body : Buffer.from(body).toString('base64'),
      });
    })();
  });
  await cdp.send('Fetch.enable', {
    patterns: [{ urlPattern: '*/redirect.html*', requestStage: 'Response' }],
  });
}

const isPositionCall = (call: RecordedCall) => /\/profile\/positions\/[^/?]+/.test(call.path);

/** The save's requests for the position, in order, as `METHOD status`. */
const savesRequests = (graph: GraphRecorder) =>
  graph.calls.filter(isPositionCall).map((call) => `${call.method} ${String(call.status)}`);

test.describe('signing in again, not stuck', () => {
  test("silent renewal goes through redirect.html under the production policy, served as a header; when a host's policy blocks the bridge, the renewal times out and the user signs in again with the draft kept", async ({
    page,
    request,
    signIn,
    graph,
    emulator,
    endpoints,
  }) => {
    test.setTimeout(90_000);
    // The policy as `vite preview` serves it: the bridge may be framed by the app only.
    const served = { authority: endpoints.issuer, graphBaseUrl: endpoints.graphBaseUrl };
    const bridge = await request.get('/redirect.html');
    expect(bridge.headers()['content-security-policy']).toBe(
      contentSecurityPolicy(served, { page: 'redirect-bridge' }),
    );
    expect(bridge.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    const app = await request.get('/people', { headers: { accept: 'text/html' } });
    expect(app.headers()['content-security-policy']).toBe(
      contentSecurityPolicy(served, { page: 'app' }),
    );

    await signIn.as('adele');
    const positions = new PositionsPage(page);
    let form = await positions.edit(AUDITOR);
    const framed: string[] = [];
    page.on('request', (sent) => {
      if (new URL(sent.url()).pathname === '/redirect.html')
        framed.push(sent.frame() === page.mainFrame() ? 'main' : 'frame');
    });
    await form.jobTitle.fill('Quietly Renewed Auditor');
    await emulator.expireTokens({ revokeRefreshTokens: true });
    graph.clear();
    await form.saveAndWait();
    // The save reads before it writes (no etags, as on Graph): the read meets the 401.
    expect(savesRequests(graph)).toEqual(['GET 401', 'GET 200', 'PATCH 200']);
    expect(framed).toEqual(['frame']);

    // A host that sends `frame-ancestors 'none'` for every page, redirect.html included.
    await serveBridgeWithPolicy(page, contentSecurityPolicy(served, { page: 'app' }));
    const url = page.url();
    await form.jobTitle.fill('Returning Auditor');
    await emulator.expireTokens({ revokeRefreshTokens: true });
    const authorize = recordAuthorize(page, endpoints.issuer);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes("frame-ancestors 'none'")) blocked.push(message.text());
    });
    await form.save.click();
    // The hidden frame never answers (timed_out); the app signs in again by redirect, and the
    // provider, which still has the session, sends the user straight back to the same page.
    await expect(page.getByText('You signed in again; what you were typing is back.')).toBeVisible({
      timeout: 30_000,
    });
    expect(authorize.map((each) => each.prompt)).toEqual(['none', '']);
    expect(blocked).toHaveLength(1);
    await expect(page).toHaveURL(url);
    form = new PositionForm(page);
    await expect(form.jobTitle).toHaveValue('Returning Auditor');
    await form.saveAndWait();
  });

  test('a claims challenge from Graph is answered with a token for those claims, and the save goes through', async ({
    page,
    signIn,
    graph,
    emulator,
    endpoints,
  }) => {
    await signIn.as('adele');
    const form = await new PositionsPage(page).edit(AUDITOR);
    const tokenRequests: string[] = [];
    page.on('request', (sent) => {
      if (sent.url().startsWith(`${endpoints.issuer}/token`))
        tokenRequests.push(sent.postData() ?? '');
    });
    await form.jobTitle.fill('Challenged Auditor');
    await emulator.claimsChallenge({ users: ['adele'] });
    graph.clear();
    await form.saveAndWait();
    expect(savesRequests(graph)).toEqual(['GET 401', 'GET 200', 'PATCH 200']);
    const [challenged, renewed] = graph.calls.filter(isPositionCall);
    expect(challenged.headers.authorization).not.toBe(renewed.headers.authorization);
    expect(tokenRequests).toHaveLength(1);
    const claims = JSON.parse(new URLSearchParams(tokenRequests[0]).get('claims') ?? '{}') as {
      access_token?: { nbf?: { essential?: boolean; value?: string }; xms_cc?: unknown };
    };
    // The claims Graph asked for, and the client capability the app declares.
    expect(claims.access_token?.nbf?.essential).toBe(true);
    expect(claims.access_token?.xms_cc).toEqual({ values: ['CP1'] });
  });

  test('a sign-in blocked on the way back is explained, not looped, and once unblocked the user goes on with the draft kept', async ({
    page,
    signIn,
    emulator,
    endpoints,
  }) => {
    await signIn.as('lee');
    const form = await new PositionsPage(page).edit('Director at Contoso');
    const url = page.url();
    await form.jobTitle.fill('Blocked Director');
    await emulator.expireTokens({ endSessions: true });
    await page.context().clearCookies();
    await emulator.setIdentityPolicy({ blockByPolicy: ['lee'] });
    const authorize = recordAuthorize(page, endpoints.issuer);
    await form.save.click();
    await page.getByRole('button', { name: 'Sign in as Lee Gu' }).click();
    await expect(
      page.getByRole('heading', { name: 'You cannot access this right now' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Back to the application' }).click();
    const told = page
      .getByRole('alert')
      .filter({ hasText: "your organisation's access policy blocked this sign-in" });
    await expect(told).toBeVisible();
    await expect(told).toContainText('AADSTS53003');
    await expect(page).toHaveURL(url);
    // Not sent round again on its own.
    const interactive = authorize.filter((each) => each.prompt !== 'none').length;
    expect(interactive).toBe(1);

    // Unblocked, trying again renews silently (the provider has his session) and the form comes back.
    await emulator.setIdentityPolicy({ blockByPolicy: [] });
    await told.getByRole('button', { name: 'Try again' }).click();
    await expect(
      page.getByText('You signed in again; what you were typing is back.'),
    ).toBeVisible();
    await expect(form.jobTitle).toHaveValue('Blocked Director');
    await form.saveAndWait();
  });
});

test.describe('refusals stay with the person who gave them', () => {
  test("Adele declines her own profile's permission and is told so, not asked in a loop; after she signs out, Alex in the same tab signs in again when he must, and is never shown her refusal", async ({
    page,
    request,
    emulator,
    signIn,
    endpoints,
  }) => {
    test.setTimeout(90_000);
    await signIn.as('adele');
    await expect(new PositionsPage(page).card(AUDITOR)).toBeVisible();
    // Her consent withdrawn and her sign-in ended: the app must send her back to sign in.
    expect((await request.delete('/_emulator/consents')).ok()).toBe(true);
    await emulator.expireTokens({ revokeRefreshTokens: true, endSessions: true });
    await page.context().clearCookies();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in as Adele Vance' }).click();
    await page.getByRole('link', { name: 'Cancel' }).click();
    const refused = page.getByRole('alert').filter({ hasText: "permission wasn't given" });
    await expect(refused).toBeVisible();
    await expect(refused).toContainText('AADSTS65004');
    await expect(refused.getByRole('button', { name: 'Ask again' })).toBeVisible();
    // Remembered: a reload explains again instead of leaving for the provider.
    const authorize = recordAuthorize(page, endpoints.issuer);
    await page.reload();
    await expect(refused).toBeVisible();
    expect(authorize.filter((each) => each.prompt !== 'none')).toEqual([]);

    // Signing out forgets it; Alex signs in in the same tab.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in as Alex Wilber' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await expect(accountArea(page)).toContainText('Alex Wilber');
    await expect(new PositionsPage(page).card('Marketing Assistant at Contoso')).toBeVisible();

    // When Alex's sign-in must be renewed, he is sent to sign in again.
    await emulator.expireTokens({ revokeRefreshTokens: true, endSessions: true });
    await page.context().clearCookies();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in as Alex Wilber' })).toBeVisible();
    await expect(page.getByText("permission wasn't given")).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign in as Alex Wilber' }).click();
    await expect(new PositionsPage(page).card('Marketing Assistant at Contoso')).toBeVisible();
  });
});
