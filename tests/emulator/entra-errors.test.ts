import { beforeEach, describe, expect, it } from 'vitest';
import { localEndpoints } from '../../emulator/endpoints.js';
import { identitySettingsFromEnv } from '../../emulator/idp/identity-policy.js';
import { createLocalStack } from '../../emulator/local-stack.js';
import type { Persona } from '../../emulator/store/demo-directory.js';
import {
  authorizationRequest,
  claimsOf,
  expectApp,
  expectPage,
  logIn,
  redeem,
  startIdentityStack,
  useIdentityStack,
  tokenRequest,
  type Browser,
  type TokenSet,
} from './entra-harness';
import {
  expectEntraDescription,
  expectEntraRedirectError,
  expectEntraTokenError,
} from './entra-expect';

/**
 * Entra's errors, reproducibly: each failure a setting or control causes gets the same
 * `error`, AADSTS number and shape as Entra's, on each path it can take: one of the
 * provider's pages (with a way back to the app carrying the error), a silent
 * authorization request (`prompt=none`, answered at the redirect URI), and the token
 * endpoint (JSON).
 */

const idp = useIdentityStack();

const SCOPES = ['User.ReadWrite'];

/** A signed-in person: a browser with the provider's session, and tokens. */
async function signedIn(persona: Persona): Promise<{ browser: Browser; tokens: TokenSet }> {
  const browser = idp.browser();
  const request = authorizationRequest(idp, { scopes: SCOPES });
  let outcome = await logIn(await browser.navigate(request.url), persona);
  if (outcome.kind === 'page') outcome = await outcome.page.submit('Accept');
  return { browser, tokens: await redeem(idp, request, outcome) };
}

async function policy(settings: Record<string, unknown>) {
  const answer = await idp.control('/identity', settings);
  expect(answer.status, await answer.clone().text()).toBe(200);
}

const silent = (browser: Browser) => {
  const request = authorizationRequest(idp, { scopes: SCOPES, prompt: 'none' });
  return { request, outcome: browser.navigate(request.url) };
};

const refresh = (tokens: TokenSet, correlationId?: string) =>
  tokenRequest(
    idp,
    {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      scope: `openid profile offline_access ${SCOPES.join(' ')}`,
    },
    correlationId,
  );

describe('the shapes', () => {
  it('a token-endpoint error has error_codes, timestamp, trace_id, correlation_id (the client-request-id) and error_uri, readable across origins', async () => {
    const { tokens } = await signedIn('alex');
    await policy({ notAssigned: ['alex'] });
    const correlationId = '0b5e8a38-7bd6-4c5e-9a8b-2f3a1c4d5e6f';
    const response = await refresh(tokens, correlationId);
    expect(response.headers.get('access-control-allow-origin')).toBe(idp.origin);
    const body = await expectEntraTokenError(response, {
      error: 'invalid_grant',
      code: 50105,
      correlationId,
    });
    expect(Object.keys(body).sort()).toEqual(
      [
        'correlation_id',
        'error',
        'error_codes',
        'error_description',
        'error_uri',
        'timestamp',
        'trace_id',
      ].sort(),
    );
  });

  it('each error gets a trace id of its own', async () => {
    const { tokens } = await signedIn('alex');
    await policy({ blockByPolicy: ['alex'] });
    const first = await expectEntraTokenError(await refresh(tokens), {
      error: 'interaction_required',
      code: 53003,
      suberror: 'message_only',
    });
    const second = await expectEntraTokenError(await refresh(tokens), {
      error: 'interaction_required',
      code: 53003,
      suberror: 'message_only',
    });
    expect(first.trace_id).not.toBe(second.trace_id);
  });
});

describe('AADSTS50105: the user is not assigned to the application', () => {
  beforeEach(() => policy({ notAssigned: ['alex'] }));

  it("interactively: Entra's page after the password, and the way back carries access_denied AADSTS50105", async () => {
    const browser = idp.browser();
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await logIn(await browser.navigate(request.url), 'alex'));
    expect(page.title).toBe("Sorry, but we're having trouble signing you in");
    expect(page.text).toContain('AADSTS50105');
    expect(page.text).toContain("The signed in user 'alex@contoso.com' is blocked");
    expect(page.text).toContain(request.correlationId);
    const message = expectEntraRedirectError(
      await page.follow('Back to the application'),
      request,
      {
        error: 'access_denied',
        code: 50105,
      },
    );
    expect(message).toContain("application Profile Editor ('profile-editor-local')");
  });

  it('others still sign in', async () => {
    const { tokens } = await signedIn('adele');
    expect(claimsOf(tokens.access_token).preferred_username).toBe('adele@contoso.com');
  });

  it('silently and at the token endpoint, once the policy is in force', async () => {
    await policy({ notAssigned: [] });
    const { browser, tokens } = await signedIn('alex');
    await policy({ notAssigned: ['alex'] });
    const { request, outcome } = silent(browser);
    expectEntraRedirectError(await outcome, request, { error: 'access_denied', code: 50105 });
    await expectEntraTokenError(await refresh(tokens), { error: 'invalid_grant', code: 50105 });
  });
});

describe('AADSTS53003: blocked by Conditional Access', () => {
  it('interactively, silently and at the token endpoint', async () => {
    const { browser, tokens } = await signedIn('lee');
    await policy({ blockByPolicy: ['lee'] });
    await expectEntraTokenError(await refresh(tokens), {
      error: 'interaction_required',
      code: 53003,
      suberror: 'message_only',
    });
    const quiet = silent(browser);
    expectEntraRedirectError(await quiet.outcome, quiet.request, {
      error: 'access_denied',
      code: 53003,
    });
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await browser.navigate(request.url));
    expect(page.title).toBe('You cannot access this right now');
    expect(page.text).toContain('AADSTS53003');
    expectEntraRedirectError(await page.follow('Back to the application'), request, {
      error: 'access_denied',
      code: 53003,
    });
  });
});

describe('AADSTS50076 / AADSTS50079: multi-factor authentication required', () => {
  it('interactively the user approves a second factor; the tokens say so, and silent renewal works again', async () => {
    const { browser, tokens } = await signedIn('adele');
    await policy({ requireMfa: ['adele'] });
    // The session and the refresh token from before have no second factor.
    await expectEntraTokenError(await refresh(tokens), {
      error: 'invalid_grant',
      code: 50076,
      suberror: 'basic_action',
    });
    const quiet = silent(browser);
    expectEntraRedirectError(await quiet.outcome, quiet.request, {
      error: 'interaction_required',
      code: 50076,
    });

    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await browser.navigate(request.url));
    expect(page.title).toBe('Approve sign-in request');
    const renewed = await redeem(idp, request, await page.submit('Approve'));
    expect(claimsOf(renewed.access_token).amr).toEqual(['pwd', 'mfa']);
    expect(claimsOf(tokens.access_token).amr).toEqual(['pwd']);
    expect((await refresh(renewed)).status).toBe(200);
    const again = silent(browser);
    expect(expectApp(await again.outcome).get('code')).toBeTruthy();
  });

  it('a fresh sign-in asks for the second factor right after the password', async () => {
    await policy({ requireMfa: ['adele'] });
    const browser = idp.browser();
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await logIn(await browser.navigate(request.url), 'adele'));
    expect(page.title).toBe('Approve sign-in request');
    const consent = expectPage(await page.submit('Approve'));
    expect(consent.title).toBe('Permissions requested');
  });

  it('giving up on the second factor returns access_denied AADSTS50074', async () => {
    await policy({ requireMfa: ['adele'] });
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await logIn(await idp.browser().navigate(request.url), 'adele'));
    expectEntraRedirectError(await page.follow("I can't verify right now"), request, {
      error: 'access_denied',
      code: 50074,
    });
  });

  it('a user with no method registered meets "More information required" first: AADSTS50079 when silent', async () => {
    const { browser, tokens } = await signedIn('isaiah');
    await policy({ requireMfaRegistration: ['isaiah'] });
    await expectEntraTokenError(await refresh(tokens), {
      error: 'interaction_required',
      code: 50079,
      suberror: 'basic_action',
    });
    const quiet = silent(browser);
    expectEntraRedirectError(await quiet.outcome, quiet.request, {
      error: 'interaction_required',
      code: 50079,
    });
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await browser.navigate(request.url));
    expect(page.title).toBe('More information required');
    const tokensAfter = await redeem(idp, request, await page.submit('Next'));
    expect(claimsOf(tokensAfter.access_token).amr).toEqual(['pwd', 'mfa']);
    // Registered: from now on Isaiah verifies with the method (AADSTS50076 when silent without it).
    const view = (await (await idp.control('/identity', undefined, 'GET')).json()) as Record<
      string,
      string[]
    >;
    expect(view.requireMfaRegistration).toEqual([]);
    expect(view.requireMfa).toEqual(['isaiah@contoso.com']);
  });
});

describe('AADSTS700016: the application is unknown to the tenant', () => {
  it('with unknownClient, sign-in stops on the provider, whose way back carries unauthorized_client', async () => {
    await policy({ unknownClient: true });
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await idp.browser().navigate(request.url));
    expect(page.text).toContain('AADSTS700016');
    expect(page.text).toContain(
      "Application with identifier 'profile-editor-local' was not found in the directory 'Contoso'",
    );
    expectEntraRedirectError(await page.follow('Back to the application'), request, {
      error: 'unauthorized_client',
      code: 700016,
    });
  });

  it('a wrong client id is the same, without a way back to a redirect URI the app never registered', async () => {
    const request = authorizationRequest(idp, {
      scopes: SCOPES,
      clientId: 'not-the-app',
      redirectUri: 'https://elsewhere.example/',
    });
    const page = expectPage(await idp.browser().navigate(request.url));
    expect(page.text).toContain("Application with identifier 'not-the-app' was not found");
    expect(page.html).not.toContain('elsewhere.example');
  });

  it('without a client id: AADSTS900144 on the page and at the token endpoint', async () => {
    const request = authorizationRequest(idp, { scopes: SCOPES, clientId: '' });
    const page = expectPage(await idp.browser().navigate(request.url));
    expect(page.text).toContain(
      "AADSTS900144: The request body must contain the following parameter: 'client_id'.",
    );
    const { tokens } = await signedIn('adele');
    await expectEntraTokenError(
      await tokenRequest(idp, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: '',
      }),
      { error: 'invalid_request', code: 900144 },
    );
  });

  it('the token endpoint answers unauthorized_client AADSTS700016, for a refresh and for a wrong client id', async () => {
    const { tokens } = await signedIn('adele');
    await policy({ unknownClient: true });
    await expectEntraTokenError(await refresh(tokens), {
      error: 'unauthorized_client',
      code: 700016,
    });
    await policy({ unknownClient: false });
    await expectEntraTokenError(
      await tokenRequest(idp, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: 'not-the-app',
      }),
      { error: 'unauthorized_client', code: 700016 },
    );
    expect((await refresh(tokens)).status).toBe(200);
  });
});

describe('silent requests without what they need', () => {
  it('AADSTS50058 login_required without a session at the provider', async () => {
    const { request, outcome } = silent(idp.browser());
    expectEntraRedirectError(await outcome, request, { error: 'login_required', code: 50058 });
  });

  it('AADSTS65001 consent_required for a scope never consented', async () => {
    const { browser } = await signedIn('adele');
    const request = authorizationRequest(idp, { scopes: ['User.ReadBasic.All'], prompt: 'none' });
    const message = expectEntraRedirectError(await browser.navigate(request.url), request, {
      error: 'consent_required',
      code: 65001,
    });
    expect(message).toContain("application with ID 'profile-editor-local' named 'Profile Editor'");
  });

  it('AADSTS50173 for a refresh token that was revoked, AADSTS70008 for a code used twice', async () => {
    const browser = idp.browser();
    const request = authorizationRequest(idp, { scopes: SCOPES });
    let outcome = await logIn(await browser.navigate(request.url), 'adele');
    if (outcome.kind === 'page') outcome = await outcome.page.submit('Accept');
    const tokens = await redeem(idp, request, outcome);
    const code = expectApp(outcome).get('code')!;
    await expectEntraTokenError(
      await tokenRequest(idp, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: request.redirectUri,
        code_verifier: request.verifier,
      }),
      { error: 'invalid_grant', code: 70008 },
    );
    expect((await idp.control('/expire-tokens', { revokeRefreshTokens: true })).status).toBe(204);
    await expectEntraTokenError(await refresh(tokens), { error: 'invalid_grant', code: 50173 });
  });
});

describe('the identity control and its settings', () => {
  it('GET shows the policy with users by name; POST changes only what it names', async () => {
    const initial: unknown = await (await idp.control('/identity', undefined, 'GET')).json();
    expect(initial).toEqual({
      userConsent: 'allowed',
      notAssigned: [],
      requireMfa: [],
      requireMfaRegistration: [],
      blockByPolicy: [],
      unknownClient: false,
    });
    const changed = await idp.control('/identity', {
      notAssigned: ['alex', 'LEE@contoso.com'],
      userConsent: 'disabled',
    });
    expect(await changed.json()).toMatchObject({
      userConsent: 'disabled',
      notAssigned: ['alex@contoso.com', 'lee@contoso.com'],
      blockByPolicy: [],
    });
    await policy({ blockByPolicy: ['adele'] });
    expect(await (await idp.control('/identity', undefined, 'GET')).json()).toMatchObject({
      userConsent: 'disabled',
      notAssigned: ['alex@contoso.com', 'lee@contoso.com'],
      blockByPolicy: ['adele@contoso.com'],
    });
    // Reset returns to the start-up policy.
    await idp.control('/reset');
    expect(await (await idp.control('/identity', undefined, 'GET')).json()).toEqual(initial);
  });

  it.each([
    [{ userConsent: 'off' }, '"allowed" or "disabled"'],
    [{ notAssigned: ['nobody'] }, "'nobody', who is not in the directory"],
    [{ requireMfa: 'adele' }, 'must be a list of users'],
    [{ unknownClient: 'yes' }, 'true or false'],
    [{ requireMFA: ['adele'] }, "Unknown identity setting 'requireMFA'"],
    [[], 'must be a JSON object'],
  ])('refuses %j with 400 naming the problem, and changes nothing', async (body, mentions) => {
    await policy({ blockByPolicy: ['lee'] });
    const before: unknown = await (await idp.control('/identity', undefined, 'GET')).json();
    // Each bad body also carries a good change, which must not happen either.
    const answer = await idp.control(
      '/identity',
      Array.isArray(body) ? body : { ...body, blockByPolicy: [] },
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain(mentions);
    expect(await (await idp.control('/identity', undefined, 'GET')).json()).toEqual(before);
  });

  it('reads the same settings from the environment, and a bad one stops the start with its reason', async () => {
    const input = identitySettingsFromEnv({
      EMULATOR_USER_CONSENT: 'disabled',
      EMULATOR_NOT_ASSIGNED: 'alex, lee@contoso.com',
      EMULATOR_REQUIRE_MFA: 'adele',
      EMULATOR_BLOCK_BY_POLICY: '',
      EMULATOR_UNKNOWN_CLIENT: 'false',
    });
    expect(input).toEqual({
      userConsent: 'disabled',
      notAssigned: ['alex', 'lee@contoso.com'],
      requireMfa: ['adele'],
      unknownClient: false,
    });
    const configured = await startIdentityStack({ identity: input });
    try {
      expect(await (await configured.control('/identity', undefined, 'GET')).json()).toMatchObject({
        userConsent: 'disabled',
        notAssigned: ['alex@contoso.com', 'lee@contoso.com'],
        requireMfa: ['adele@contoso.com'],
      });
      // Reset keeps what the environment asked for.
      await configured.control('/identity', { userConsent: 'allowed' });
      await configured.control('/reset');
      expect(await (await configured.control('/identity', undefined, 'GET')).json()).toMatchObject({
        userConsent: 'disabled',
      });
    } finally {
      await configured.close();
    }
    const endpoints = localEndpoints({
      app: 'http://127.0.0.1:1',
      graph: 'http://127.0.0.1:1',
      idp: 'http://127.0.0.1:1',
    });
    await expect(
      createLocalStack({
        endpoints,
        data: { kind: 'memory' },
        identity: identitySettingsFromEnv({ EMULATOR_REQUIRE_MFA: 'adele,nobody' }),
      }),
    ).rejects.toThrow("'requireMfa' names 'nobody', who is not in the directory.");
  });
});

describe('descriptions read as Entra writes them', () => {
  it('the page shows the same AADSTS line, request id, correlation id and timestamp the app receives', async () => {
    await policy({ notAssigned: ['alex'] });
    const request = authorizationRequest(idp, { scopes: SCOPES });
    const page = expectPage(await logIn(await idp.browser().navigate(request.url), 'alex'));
    expect(page.text).toMatch(/Request Id [0-9a-f-]{36}/);
    expect(page.text).toMatch(/Timestamp \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z/);
    const back = await page.follow('Back to the application');
    const description = expectApp(back).get('error_description');
    expectEntraDescription(description, 50105, request.correlationId);
  });
});
