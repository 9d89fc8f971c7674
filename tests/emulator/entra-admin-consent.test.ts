import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_CLIENT } from '../../emulator/local-stack.js';
import { ConsentStore } from '../../emulator/store/consent-store.js';
import { DEMO_TENANT } from '../../emulator/store/demo-directory.js';
import {
  authorizationRequest,
  expectApp,
  expectPage,
  logIn,
  useIdentityStack,
  type Browser,
  type Outcome,
} from './entra-harness';
import { expectEntraDescription } from './entra-expect';

/**
 * Entra's administrator-consent endpoint, `{tenant}/v2.0/adminconsent?client_id=…&scope=…
 * &redirect_uri=…&state=…`: an administrator grants for the whole organisation and the
 * answer returns to `redirect_uri` with `admin_consent=True&tenant=…&scope=…&state=…`,
 * or with `error` and `error_description`.
 */

const idp = useIdentityStack();

const organizationScopes = () => [
  ...new ConsentStore(idp.stack.db).organizationScopes(LOCAL_CLIENT.id),
];

function adminConsentUrl(params: Record<string, string>): string {
  return `${idp.issuer}/adminconsent?${new URLSearchParams(params).toString()}`;
}

const STANDARD = () => ({
  client_id: LOCAL_CLIENT.id,
  scope: 'https://graph.microsoft.com/User.ReadWrite.All',
  redirect_uri: idp.redirectUri,
  state: randomUUID(),
  'client-request-id': randomUUID(),
});

/** The answer at the redirect URI: query parameters, on the registered URI. */
function expectAnswer(outcome: Outcome): URLSearchParams {
  const params = expectApp(outcome);
  if (outcome.kind === 'app') {
    expect(`${outcome.url.origin}${outcome.url.pathname}`).toBe(idp.redirectUri);
    expect(outcome.url.hash).toBe('');
  }
  return params;
}

async function startAs(
  persona: 'patti' | 'megan' | 'alex' | 'adele',
  params = STANDARD(),
  browser: Browser = idp.browser(),
) {
  const login = expectPage(await browser.navigate(adminConsentUrl(params)));
  expect(login.title).toBe('Sign in');
  return { page: expectPage(await logIn({ kind: 'page', page: login }, persona)), params, browser };
}

describe('an administrator grants for the organisation', () => {
  it('the Global Administrator signs in, accepts, and the app gets admin_consent=True with tenant, scope and state', async () => {
    const { page, params } = await startAs('patti');
    expect(page.title).toBe('Permissions requested');
    expect(page.text).toContain('Accept for your organization');
    expect(page.text).toContain('User.ReadWrite.All');
    expect(page.text).toContain('Patti Fernandez');
    const answer = expectAnswer(await page.submit('Accept'));
    expect(Object.fromEntries(answer)).toEqual({
      admin_consent: 'True',
      tenant: DEMO_TENANT.id,
      scope: params.scope,
      state: params.state,
    });
    expect(organizationScopes()).toEqual(['User.ReadWrite.All']);

    // Everyone's next sign-in for People goes through without a prompt.
    const browser = idp.browser();
    const request = authorizationRequest(idp, { scopes: ['User.ReadWrite.All'] });
    const alex = await logIn(await browser.navigate(request.url), 'alex');
    expect(expectApp(alex).get('code')).toBeTruthy();
  });

  it('an administrator already signed in at the provider is offered without a password', async () => {
    const browser = idp.browser();
    const request = authorizationRequest(idp, { scopes: ['User.ReadWrite'] });
    const consent = expectPage(await logIn(await browser.navigate(request.url), 'patti'));
    expectApp(await consent.submit('Accept'));
    const page = expectPage(await browser.navigate(adminConsentUrl(STANDARD())));
    expect(page.title).toBe('Permissions requested');
    expect(page.text).toContain('Signed in as Patti Fernandez');
    expectAnswer(await page.submit('Accept'));
    expect(organizationScopes()).toEqual(['User.ReadWrite.All']);
  });

  it('/.default asks for every permission the registration lists; bare names and several scopes work too', async () => {
    const params = { ...STANDARD(), scope: 'https://graph.microsoft.com/.default' };
    const { page } = await startAs('patti', params);
    for (const scope of ['User.Read', 'User.ReadWrite', 'User.ReadWrite.All'])
      expect(page.text).toContain(scope);
    expect(expectAnswer(await page.submit('Accept')).get('scope')).toBe(params.scope);
    expect(organizationScopes()).toEqual(['User.Read', 'User.ReadWrite', 'User.ReadWrite.All']);

    const bare = { ...STANDARD(), scope: 'openid User.Read.All' };
    const second = await startAs('patti', bare);
    expectAnswer(await second.page.submit('Accept'));
    expect(organizationScopes()).toContain('User.Read.All');
  });

  it('Cancel answers consent_required with AADSTS65004, and grants nothing', async () => {
    const { page, params } = await startAs('patti');
    const answer = expectAnswer(await page.follow('Cancel'));
    expect(answer.get('admin_consent')).toBe('True');
    expect(answer.get('error')).toBe('consent_required');
    expect(answer.get('state')).toBe(params.state);
    expect(answer.get('error_uri')).toBe('https://login.microsoftonline.com/error?code=65004');
    expectEntraDescription(answer.get('error_description'), 65004, params['client-request-id']);
    expect(organizationScopes()).toEqual([]);
  });
});

describe('anyone else is refused', () => {
  it.each([['megan'], ['alex']] as const)(
    '%s meets Need admin approval and returns with AADSTS90094; nothing is granted',
    async (persona) => {
      const { page, params } = await startAs(persona);
      expect(page.title).toBe('Need admin approval');
      const answer = expectAnswer(
        await page.follow('Return to the application without granting consent'),
      );
      expect(answer.get('admin_consent')).toBe('True');
      expect(answer.get('error')).toBe('access_denied');
      expect(answer.get('state')).toBe(params.state);
      expectEntraDescription(answer.get('error_description'), 90094, params['client-request-id']);
      expect(organizationScopes()).toEqual([]);
    },
  );

  it('a User Administrator may switch to an administrator account and grant', async () => {
    const { page } = await startAs('megan');
    const login = expectPage(await page.follow('Have an admin account? Sign in with that account'));
    const patti = expectPage(await logIn({ kind: 'page', page: login }, 'patti'));
    expect(patti.title).toBe('Permissions requested');
    expectAnswer(await patti.submit('Accept'));
    expect(organizationScopes()).toEqual(['User.ReadWrite.All']);
  });

  it('an Accept posted for a non-administrator is refused: the decision is made on the server', async () => {
    const { page, params } = await startAs('patti');
    const accept = page.forms().find((form) => form.buttons.includes('Accept'))!.action;
    // Switch to Alex on the same request, then post Patti's Accept.
    const login = expectPage(await page.follow('Use another account'));
    await logIn({ kind: 'page', page: login }, 'alex');
    const answer = expectAnswer(
      await page.browser.navigate(new URL(accept, page.url).href, { method: 'POST', form: {} }),
    );
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('state')).toBe(params.state);
    expect(organizationScopes()).toEqual([]);
  });

  it('a wrong password on the endpoint shows the error and grants nothing', async () => {
    const login = expectPage(await idp.browser().navigate(adminConsentUrl(STANDARD())));
    const again = expectPage(
      await login.submit('Sign in', { email: 'patti@contoso.com', password: 'wrong' }),
    );
    expect(again.status).toBe(401);
    expect(again.text).toContain('Your password is incorrect');
    expect(organizationScopes()).toEqual([]);
  });
});

describe('requests Entra refuses', () => {
  it('an unknown client id stops on the provider: AADSTS700016, no redirect', async () => {
    const params = { ...STANDARD(), client_id: '11111111-2222-4333-8444-555555555555' };
    const page = expectPage(await idp.browser().navigate(adminConsentUrl(params)));
    expect(page.text).toContain('AADSTS700016');
    expect(page.text).toContain(
      "Application with identifier '11111111-2222-4333-8444-555555555555' was not found in the directory 'Contoso'",
    );
    expect(page.text).toContain(params['client-request-id']);
    expect(page.forms()).toEqual([]);
  });

  it('a redirect URI the app never registered stops on the provider: AADSTS50011', async () => {
    const params = { ...STANDARD(), redirect_uri: 'https://evil.example/' };
    const page = expectPage(await idp.browser().navigate(adminConsentUrl(params)));
    expect(page.text).toContain('AADSTS50011');
    expect(page.html).not.toContain('href="https://evil.example');
  });

  it('without redirect_uri: AADSTS900144 on the provider', async () => {
    const { redirect_uri: _ignored, ...params } = STANDARD();
    const page = expectPage(await idp.browser().navigate(adminConsentUrl(params)));
    expect(page.text).toContain(
      "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'",
    );
  });

  it('without scope: invalid_request AADSTS900144 at the redirect URI', async () => {
    const { scope: _ignored, ...params } = STANDARD();
    const answer = expectAnswer(await idp.browser().navigate(adminConsentUrl(params)));
    expect(answer.get('error')).toBe('invalid_request');
    expect(answer.get('admin_consent')).toBe('True');
    expectEntraDescription(answer.get('error_description'), 900144, params['client-request-id']);
  });

  it('an unknown scope: invalid_scope AADSTS70011 at the redirect URI', async () => {
    const params = { ...STANDARD(), scope: 'https://graph.microsoft.com/Mail.Send' };
    const answer = expectAnswer(await idp.browser().navigate(adminConsentUrl(params)));
    expect(answer.get('error')).toBe('invalid_scope');
    expect(answer.get('state')).toBe(params.state);
    expectEntraDescription(answer.get('error_description'), 70011);
  });

  it('an unknown or finished request id is a clear page, not a grant', async () => {
    const page = expectPage(await idp.browser().navigate(`${idp.issuer}/adminconsent/made-up`));
    expect(page.status).toBe(400);
    expect(page.title).toBe('This request has expired');
    const { page: consent } = await startAs('patti');
    const accept = consent.forms().find((form) => form.buttons.includes('Accept'))!;
    expectAnswer(await consent.submit('Accept'));
    // The same request cannot be answered twice.
    const replay = expectPage(
      await consent.browser.navigate(new URL(accept.action, consent.url).href, {
        method: 'POST',
        form: {},
      }),
    );
    expect(replay.title).toBe('This request has expired');
  });
});

describe("the administrator's own sign-in meets the tenant's policy", () => {
  it('multi-factor authentication first, then the prompt; an Accept posted before it is refused', async () => {
    await idp.control('/identity', { requireMfa: ['patti'] });
    const { page } = await startAs('patti');
    expect(page.title).toBe('Approve sign-in request');
    const consent = expectPage(await page.submit('Approve'));
    expect(consent.title).toBe('Permissions requested');
    expectAnswer(await consent.submit('Accept'));
    expect(organizationScopes()).toEqual(['User.ReadWrite.All']);

    await idp.control('/consents', undefined, 'DELETE');
    const second = await startAs('patti');
    const accept = `${second.page.url.replace(/\/$/, '')}/accept`;
    const refused = expectAnswer(
      await second.browser.navigate(accept, { method: 'POST', form: {} }),
    );
    expect(refused.get('error')).toBe('access_denied');
    expectEntraDescription(refused.get('error_description'), 50074);
    expect(organizationScopes()).toEqual([]);
  });

  it('a blocked administrator meets "You cannot access this right now" and returns with AADSTS53003', async () => {
    await idp.control('/identity', { blockByPolicy: ['patti'] });
    const { page, params } = await startAs('patti');
    expect(page.title).toBe('You cannot access this right now');
    const answer = expectAnswer(await page.follow('Back to the application'));
    expect(answer.get('error')).toBe('access_denied');
    expect(answer.get('state')).toBe(params.state);
    expectEntraDescription(answer.get('error_description'), 53003, params['client-request-id']);
    expect(organizationScopes()).toEqual([]);
  });
});
