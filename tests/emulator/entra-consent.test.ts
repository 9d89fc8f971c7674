import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT } from '../../emulator/local-stack.js';
import { ConsentStore } from '../../emulator/store/consent-store.js';
import type { Persona } from '../../emulator/store/demo-directory.js';
import {
  authorizationRequest,
  claimsOf,
  expectApp,
  expectPage,
  logIn,
  person,
  redeem,
  useIdentityStack,
  tokenRequest,
  type Browser,
  type Outcome,
  type TokenSet,
} from './entra-harness';
import { expectEntraRedirectError, expectEntraTokenError } from './entra-expect';

/**
 * Consent as Entra decides it: users consent only to what needs no administrator, and
 * only while the tenant lets them; Global Administrator, Privileged Role Administrator,
 * Cloud Application Administrator and Application Administrator consent to anything, for
 * themselves or for the whole organisation; User Administrator cannot.
 */

const idp = useIdentityStack();

const SIGN_IN_SCOPES = ['User.ReadWrite'];
const PEOPLE_SCOPES = ['User.ReadWrite.All'];

/** Signs in interactively as `persona` asking for `scopes`; returns where it ended. */
async function signIn(
  persona: Persona,
  scopes: string[],
  browser: Browser = idp.browser(),
): Promise<{
  outcome: Outcome;
  request: ReturnType<typeof authorizationRequest>;
  browser: Browser;
}> {
  const request = authorizationRequest(idp, { scopes });
  let outcome = await browser.navigate(request.url);
  if (outcome.kind === 'page' && outcome.page.title === 'Sign in')
    outcome = await logIn(outcome, persona);
  return { outcome, request, browser };
}

/** Signs in and accepts whatever consent page shows, as the person would. */
async function signInAndAccept(
  persona: Persona,
  scopes: string[],
  browser?: Browser,
  change: Record<string, string | null> = {},
): Promise<TokenSet> {
  const { outcome, request } = await signIn(persona, scopes, browser);
  const next = outcome.kind === 'page' ? await outcome.page.submit('Accept', change) : outcome;
  return redeem(idp, request, next);
}

const scpOf = (tokens: TokenSet) => String(claimsOf(tokens.access_token).scp).split(' ');
const consents = () => new ConsentStore(idp.stack.db);

describe('user consent', () => {
  it.each([['User.Read'], ['User.ReadWrite'], ['User.ReadBasic.All']])(
    'a user without a role consents to %s for themselves, once',
    async (scope) => {
      const { outcome, request, browser } = await signIn('adele', [scope]);
      const page = expectPage(outcome);
      expect(page.title).toBe('Permissions requested');
      expect(page.text).toContain(scope);
      // No box for the organisation: only the four administrator roles get it.
      expect(page.html).not.toContain('Consent on behalf of your organization');
      const tokens = await redeem(idp, request, await page.submit('Accept'));
      expect(scpOf(tokens)).toEqual([scope]);
      expect([...consents().scopesFor(person('adele').id, LOCAL_CLIENT.id)]).toEqual([scope]);
      // Asked once: the next sign-in (a new browser) goes straight back to the app.
      const again = await signIn('adele', [scope]);
      expect(expectApp(again.outcome).get('code')).toBeTruthy();
      // And in the same browser the provider's session needs no password either.
      const sameBrowser = await browser.navigate(
        authorizationRequest(idp, { scopes: [scope] }).url,
      );
      expect(expectApp(sameBrowser).get('code')).toBeTruthy();
    },
  );

  it.each([['User.Read.All'], ['User.ReadWrite.All']])(
    'a user without a role meets "Need admin approval" for %s, and returning gives AADSTS90094',
    async (scope) => {
      const { outcome, request } = await signIn('alex', ['User.ReadWrite', scope]);
      const page = expectPage(outcome);
      expect(page.title).toBe('Need admin approval');
      expect(page.text).toContain(scope);
      expect(page.text).toContain('AADSTS90094');
      expect(page.forms()).toEqual([]);
      const back = await page.follow('Return to the application without granting consent');
      expectEntraRedirectError(back, request, { error: 'access_denied', code: 90094 });
      expect([...consents().scopesFor(person('alex').id, LOCAL_CLIENT.id)]).toEqual([]);
    },
  );

  it.each([['megan'], ['diego']] as const)(
    '%s, a User Administrator, cannot consent to User.ReadWrite.All: Need admin approval',
    async (persona) => {
      await signInAndAccept(persona, SIGN_IN_SCOPES);
      const { outcome, request } = await signIn(persona, PEOPLE_SCOPES);
      const page = expectPage(outcome);
      expect(page.title).toBe('Need admin approval');
      expectEntraRedirectError(
        await page.follow('Return to the application without granting consent'),
        request,
        { error: 'access_denied', code: 90094 },
      );
    },
  );

  it('a consent page cannot be forced: posting Accept for an admin-only scope is refused with AADSTS90094', async () => {
    const { outcome, request } = await signIn('alex', PEOPLE_SCOPES);
    const page = expectPage(outcome);
    const action = page.url.replace(/\?.*$/, '').replace(/\/?$/, '/confirm');
    const forged = await page.browser.navigate(action, { method: 'POST', form: {} });
    expectEntraRedirectError(forged, request, { error: 'access_denied', code: 90094 });
    expect(consents().organizationScopes(LOCAL_CLIENT.id).size).toBe(0);
  });

  it('Cancel on the consent page returns AADSTS65004 access_denied', async () => {
    const { outcome, request } = await signIn('adele', SIGN_IN_SCOPES);
    const back = await expectPage(outcome).follow('Cancel');
    expectEntraRedirectError(back, request, { error: 'access_denied', code: 65004 });
  });
});

describe('a tenant that refuses user consent', () => {
  beforeEach(async () => {
    const answer = await idp.control('/identity', { userConsent: 'disabled' });
    expect(answer.status).toBe(200);
  });

  it('even User.ReadWrite needs an administrator: the user meets Need admin approval', async () => {
    const { outcome, request } = await signIn('adele', SIGN_IN_SCOPES);
    const page = expectPage(outcome);
    expect(page.title).toBe('Need admin approval');
    expect(page.text).toContain('does not let users consent');
    expectEntraRedirectError(
      await page.follow('Return to the application without granting consent'),
      request,
      { error: 'access_denied', code: 90094 },
    );
  });

  it('consents given before stay valid, as Entra keeps existing grants', async () => {
    await idp.control('/identity', { userConsent: 'allowed' });
    await signInAndAccept('adele', SIGN_IN_SCOPES);
    await idp.control('/identity', { userConsent: 'disabled' });
    const { outcome } = await signIn('adele', SIGN_IN_SCOPES);
    expect(expectApp(outcome).get('code')).toBeTruthy();
  });

  it('an administrator still consents, and for the organisation lets everyone in without a prompt', async () => {
    await signInAndAccept('patti', SIGN_IN_SCOPES, undefined, { organization: 'on' });
    const { outcome } = await signIn('adele', SIGN_IN_SCOPES);
    expect(expectApp(outcome).get('code')).toBeTruthy();
  });
});

describe('administrator consent', () => {
  it('the Global Administrator sees "Consent on behalf of your organization"; unticked, the consent is hers alone', async () => {
    const { outcome, request } = await signIn('patti', PEOPLE_SCOPES);
    const page = expectPage(outcome);
    expect(page.title).toBe('Permissions requested');
    expect(page.text).toContain('Consent on behalf of your organization');
    const tokens = await redeem(idp, request, await page.submit('Accept'));
    expect(scpOf(tokens)).toEqual(['User.ReadWrite.All']);
    expect([...consents().scopesFor(person('patti').id, LOCAL_CLIENT.id)]).toEqual([
      'User.ReadWrite.All',
    ]);
    expect(consents().organizationScopes(LOCAL_CLIENT.id).size).toBe(0);
    // Megan is still asked, and still cannot.
    await signInAndAccept('megan', SIGN_IN_SCOPES);
    const megan = await signIn('megan', PEOPLE_SCOPES);
    expect(expectPage(megan.outcome).title).toBe('Need admin approval');
  });

  it.each([
    'Privileged Role Administrator',
    'Cloud Application Administrator',
    'Application Administrator',
  ])('a %s may consent for the organisation too', async (role) => {
    idp.stack.db
      .prepare('UPDATE users SET roles = ? WHERE id = ?')
      .run(JSON.stringify([role]), person('lee').id);
    const { outcome } = await signIn('lee', PEOPLE_SCOPES);
    const page = expectPage(outcome);
    expect(page.text).toContain('Consent on behalf of your organization');
    await page.submit('Accept', { organization: 'on' });
    expect([...consents().organizationScopes(LOCAL_CLIENT.id)]).toEqual(['User.ReadWrite.All']);
  });

  it("ticked, every user's token carries the scope without being asked; Graph then decides by role", async () => {
    await signInAndAccept('patti', PEOPLE_SCOPES, undefined, { organization: 'on' });
    expect([...consents().organizationScopes(LOCAL_CLIENT.id)]).toEqual(['User.ReadWrite.All']);

    // Alex signs in for his own profile: he consents to that (the organisation's grant
    // is User.ReadWrite.All alone), and his token carries both.
    const alex = await signIn('alex', SIGN_IN_SCOPES);
    const consentPage = expectPage(alex.outcome);
    expect(consentPage.text).not.toContain('User.ReadWrite.All');
    const alexTokens = await redeem(idp, alex.request, await consentPage.submit('Accept'));
    expect(scpOf(alexTokens)).toEqual(['User.ReadWrite', 'User.ReadWrite.All']);
    // Asking for People needs no prompt at all.
    const people = await signIn('alex', PEOPLE_SCOPES, alex.browser);
    expect(expectApp(people.outcome).get('code')).toBeTruthy();

    const adele = person('adele').id;
    const graph = (token: string, path: string, init: RequestInit = {}) =>
      fetch(`${idp.graphBaseUrl}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      });
    const list = await graph(alexTokens.access_token, `/users/${adele}/profile/positions`);
    expect(list.status).toBe(200);
    const [first] = ((await list.json()) as { value: { id: string }[] }).value;
    const refused = await graph(
      alexTokens.access_token,
      `/users/${adele}/profile/positions/${first.id}`,
      { method: 'PATCH', body: JSON.stringify({ isCurrent: true }) },
    );
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'ErrorAccessDeniedForRole',
    );

    // Megan, a User Administrator, edits.
    const meganTokens = await signInAndAccept('megan', SIGN_IN_SCOPES);
    expect(scpOf(meganTokens)).toContain('User.ReadWrite.All');
    const changed = await graph(
      meganTokens.access_token,
      `/users/${adele}/profile/positions/${first.id}`,
      { method: 'PATCH', body: JSON.stringify({ isCurrent: true }) },
    );
    expect(changed.status).toBe(200);
  });

  it('a grant for the organisation reaches refresh tokens issued before it: renewal is silent', async () => {
    const { request, outcome } = await signIn('megan', SIGN_IN_SCOPES);
    const page = expectPage(outcome);
    const tokens = await redeem(idp, request, await page.submit('Accept'));
    // Before: asking silently for People is Entra's consent_required.
    const before = await tokenRequest(idp, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      scope: 'openid profile offline_access User.ReadWrite.All',
    });
    await expectEntraTokenError(before, {
      error: 'invalid_grant',
      code: 65001,
      suberror: 'consent_required',
    });
    await signInAndAccept('patti', PEOPLE_SCOPES, undefined, { organization: 'on' });
    const after = await tokenRequest(idp, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      scope: 'openid profile offline_access User.ReadWrite.All',
    });
    expect(after.status).toBe(200);
    const renewed = (await after.json()) as TokenSet;
    expect(scpOf(renewed)).toEqual(['User.ReadWrite', 'User.ReadWrite.All']);
  });

  it('a ticked box from someone who may not grant it is refused', async () => {
    await signInAndAccept('megan', SIGN_IN_SCOPES);
    idp.stack.db
      .prepare('UPDATE users SET roles = ? WHERE id = ?')
      .run(JSON.stringify([]), person('adele').id);
    const { outcome, request } = await signIn('adele', ['User.Read']);
    const page = expectPage(outcome);
    const forged = await page.submit('Accept', { organization: 'on' });
    expectEntraRedirectError(forged, request, { error: 'access_denied', code: 90094 });
    expect(consents().organizationScopes(LOCAL_CLIENT.id).size).toBe(0);
  });
});

describe('consents persist, and reset forgets them', () => {
  it('grants for the organisation are in SQLite and cleared by POST /_emulator/reset', async () => {
    await signInAndAccept('patti', PEOPLE_SCOPES, undefined, { organization: 'on' });
    const row = idp.stack.db
      .prepare("SELECT scopes FROM consents WHERE user_id = 'AllPrincipals'")
      .get() as { scopes: string };
    expect(row.scopes).toBe('User.ReadWrite.All');
    expect((await idp.control('/reset')).status).toBe(204);
    expect(consents().organizationScopes(LOCAL_CLIENT.id).size).toBe(0);
    const { outcome } = await signIn('alex', PEOPLE_SCOPES);
    expect(expectPage(outcome).title).toBe('Need admin approval');
  });

  it('the consents control grants for the organisation, lists and forgets', async () => {
    const granted = await idp.control('/consents', {
      organization: ['https://graph.microsoft.com/User.ReadWrite.All'],
    });
    expect(granted.status).toBe(200);
    expect(await granted.json()).toEqual({ organization: ['User.ReadWrite.All'], users: {} });
    const alex = await signIn('alex', PEOPLE_SCOPES);
    expect(expectApp(alex.outcome).get('code')).toBeTruthy();
    expect(await (await idp.control('/consents', undefined, 'GET')).json()).toEqual({
      organization: ['User.ReadWrite.All'],
      users: {},
    });
    expect((await idp.control('/consents', undefined, 'DELETE')).status).toBe(204);
    const again = await signIn('alex', PEOPLE_SCOPES, alex.browser);
    expect(expectPage(again.outcome).title).toBe('Need admin approval');
  });

  it.each([
    [{ organization: ['Mail.Send'] }, 'Mail.Send'],
    [{ organization: [] }, 'non-empty'],
    [{ organisation: ['User.Read'] }, "Unknown field 'organisation'"],
    ['[1,2', 'not valid JSON'],
  ])('the consents control refuses %j and changes nothing', async (body, mentions) => {
    const answer = await fetch(`${idp.origin}/_emulator/consents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toContain(mentions);
    expect(consents().all(LOCAL_CLIENT.id)).toEqual({ organization: [], users: {} });
  });
});
