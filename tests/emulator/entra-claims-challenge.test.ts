import { describe, expect, it } from 'vitest';
import type { Persona } from '../../emulator/store/demo-directory.js';
import {
  authorizationRequest,
  claimsOf,
  logIn,
  redeem,
  useIdentityStack,
  tokenRequest,
  type TokenSet,
} from './entra-harness';
import { expectEntraTokenError } from './entra-expect';
import { expectGraphError } from './helpers';

/**
 * Continuous Access Evaluation: Graph answers a token that an event has made
 * insufficient with 401 and a claims challenge; the app asks the provider for a new
 * token with those claims (MSAL's `claims` parameter) and Graph accepts that one. Only
 * apps that declare the client capability CP1 are challenged, as on Graph.
 */

const idp = useIdentityStack();

/** What MSAL adds to every request when configured with clientCapabilities: ["CP1"]. */
const CP1 = { access_token: { xms_cc: { values: ['CP1'] } } };
const SCOPES = ['User.ReadWrite'];

async function signIn(persona: Persona, capable = true): Promise<TokenSet> {
  const request = authorizationRequest(idp, {
    scopes: SCOPES,
    ...(capable ? { claims: CP1 } : {}),
  });
  let outcome = await logIn(await idp.browser().navigate(request.url), persona);
  if (outcome.kind === 'page') outcome = await outcome.page.submit('Accept');
  return redeem(idp, request, outcome, capable ? { claims: JSON.stringify(CP1) } : {});
}

const me = (token: string) =>
  fetch(`${idp.graphBaseUrl}/me`, { headers: { Authorization: `Bearer ${token}` } });

/** Parses Graph's challenge header; returns the decoded claims. */
function parseChallenge(header: string | null): {
  claims: unknown;
  params: Record<string, string>;
} {
  expect(header).toMatch(/^Bearer /);
  const params = Object.fromEntries(
    [...header!.matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]),
  );
  expect(params).toMatchObject({
    realm: '',
    authorization_uri: `${idp.issuer}/auth`,
    client_id: '00000003-0000-0000-c000-000000000000',
    error: 'insufficient_claims',
  });
  return { claims: JSON.parse(Buffer.from(params.claims, 'base64').toString('utf8')), params };
}

async function expectChallenge(
  response: Response,
): Promise<{ access_token: { nbf: { essential: boolean; value: string } } }> {
  const header = response.headers.get('www-authenticate');
  expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  await expectGraphError(response, 401, 'InvalidAuthenticationToken', {
    mentions: [
      'Continuous access evaluation resulted in challenge',
      'TokenIssuedBeforeRevocationTimestamp',
    ],
  });
  return parseChallenge(header).claims as {
    access_token: { nbf: { essential: boolean; value: string } };
  };
}

/** The app's answer: a new token from the refresh token, asking for the challenge's claims and its capabilities (as MSAL merges them). */
async function answer(
  tokens: TokenSet,
  claims: { access_token: Record<string, unknown> },
): Promise<TokenSet> {
  const merged = { access_token: { ...claims.access_token, ...CP1.access_token } };
  const response = await tokenRequest(idp, {
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token!,
    scope: `openid profile offline_access ${SCOPES.join(' ')}`,
    claims: JSON.stringify(merged),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as TokenSet;
}

describe('a revocation event for a user', () => {
  it("challenges Adele's CP1 tokens issued before it; the token asked for with the claims is accepted", async () => {
    const tokens = await signIn('adele');
    expect(claimsOf(tokens.access_token).xms_cc).toEqual(['CP1']);
    expect((await me(tokens.access_token)).status).toBe(200);

    const armed = await idp.control('/claims-challenge', { users: ['adele'] });
    expect(armed.status).toBe(200);
    const claims = await expectChallenge(await me(tokens.access_token));
    expect(claims.access_token.nbf.essential).toBe(true);
    const eventTime = Number(claims.access_token.nbf.value);
    // Still challenged on the next call: the event stands until a new token is used.
    await expectChallenge(await me(tokens.access_token));

    const renewed = await answer(tokens, claims);
    expect(Number(claimsOf(renewed.access_token).iat)).toBeGreaterThanOrEqual(eventTime);
    expect(claimsOf(renewed.access_token).xms_cc).toEqual(['CP1']);
    expect((await me(renewed.access_token)).status).toBe(200);
  });

  it('leaves other users, and apps that did not declare CP1, alone (Graph sends challenges only to CAE-capable apps)', async () => {
    const adeleCapable = await signIn('adele');
    const adeleLegacy = await signIn('adele', false);
    const lee = await signIn('lee');
    expect(claimsOf(adeleLegacy.access_token)).not.toHaveProperty('xms_cc');
    await idp.control('/claims-challenge', { users: ['adele@contoso.com'] });
    await expectChallenge(await me(adeleCapable.access_token));
    expect((await me(adeleLegacy.access_token)).status).toBe(200);
    expect((await me(lee.access_token)).status).toBe(200);
  });

  it('every kind of request is challenged, a write too, and nothing changes', async () => {
    const tokens = await signIn('adele');
    await idp.control('/claims-challenge', { users: ['adele'] });
    const create = await fetch(`${idp.graphBaseUrl}/me/profile/positions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tokens.access_token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ detail: { jobTitle: 'Should not be stored' } }),
    });
    await expectChallenge(create);
    const renewed = await answer(tokens, { access_token: {} });
    const list = (await (
      await fetch(`${idp.graphBaseUrl}/me/profile/positions`, {
        headers: { Authorization: `Bearer ${renewed.access_token}` },
      })
    ).json()) as { value: { detail: { jobTitle: string } }[] };
    expect(list.value.map((position) => position.detail.jobTitle)).not.toContain(
      'Should not be stored',
    );
  });
});

describe('the next N requests', () => {
  it('challenges exactly the next two CP1 requests, whatever their token, then none', async () => {
    const tokens = await signIn('lee');
    const legacy = await signIn('adele', false);
    await idp.control('/claims-challenge', { nextRequests: 2 });
    // A request of an app without CP1 is not challenged and does not count.
    expect((await me(legacy.access_token)).status).toBe(200);
    const first = await expectChallenge(await me(tokens.access_token));
    const renewed = await answer(tokens, first);
    await expectChallenge(await me(renewed.access_token));
    expect((await me(renewed.access_token)).status).toBe(200);
    expect(await (await idp.control('/claims-challenge', undefined, 'GET')).json()).toMatchObject({
      nextRequests: 0,
    });
  });
});

describe('the provider honours the claims parameter', () => {
  it('a token request whose claims are not JSON is refused: invalid_request AADSTS90015', async () => {
    const tokens = await signIn('adele');
    await expectEntraTokenError(
      await tokenRequest(idp, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        claims: '{"access_token":',
      }),
      { error: 'invalid_request', code: 90015 },
    );
  });

  it('capabilities asked for on the token request are in the access token (xms_cc)', async () => {
    const tokens = await signIn('adele', false);
    const renewed = await answer(tokens, { access_token: {} });
    expect(claimsOf(renewed.access_token).xms_cc).toEqual(['CP1']);
  });
});

describe('the control', () => {
  it('shows, ends with DELETE and with reset', async () => {
    const tokens = await signIn('adele');
    await idp.control('/claims-challenge', { users: ['adele'], nextRequests: 1 });
    const view = (await (await idp.control('/claims-challenge', undefined, 'GET')).json()) as {
      revoked: Record<string, string>;
      nextRequests: number;
    };
    expect(Object.keys(view.revoked)).toEqual(['adele@contoso.com']);
    expect(view.nextRequests).toBe(1);
    expect((await idp.control('/claims-challenge', undefined, 'DELETE')).status).toBe(204);
    expect((await me(tokens.access_token)).status).toBe(200);
    await idp.control('/claims-challenge', { users: ['adele'] });
    await idp.control('/reset');
    const again = await signIn('adele');
    expect((await me(again.access_token)).status).toBe(200);
  });

  it.each([
    [{}, "Name 'users'"],
    [{ users: ['nobody'] }, 'not in the directory'],
    [{ users: 'adele' }, 'must be a list'],
    [{ nextRequests: -1 }, 'whole number from 0 to 1000'],
    [{ nextRequests: 2, every: true }, "Unknown field 'every'"],
  ])('refuses %j with 400 and changes nothing', async (body, mentions) => {
    const answered = await idp.control('/claims-challenge', body);
    expect(answered.status).toBe(400);
    expect(((await answered.json()) as { error: string }).error).toContain(mentions);
    expect(await (await idp.control('/claims-challenge', undefined, 'GET')).json()).toMatchObject({
      revoked: {},
      nextRequests: 0,
    });
  });
});
