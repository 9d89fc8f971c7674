import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintAccessToken, type AccessTokenOptions } from '../support/mint-access-token';
import { startEmulator, type EmulatorHarness } from './harness';
import { expectGraphError, ids, jsonOf, snapshotAll } from './helpers';

let emulator: EmulatorHarness;
let otherKey: JWK;
beforeAll(async () => {
  emulator = await startEmulator();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  otherKey = await exportJWK(privateKey);
});
afterAll(async () => {
  await emulator.close();
});

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token as the identity provider makes them, through the one token helper. */
function mint(options: Partial<AccessTokenOptions> = {}): Promise<string> {
  return mintAccessToken({
    signingKey: emulator.signingKey,
    issuer: emulator.stack.issuer,
    audience: emulator.stack.audience,
    userId: ids.adele,
    scopes: ['User.ReadWrite'],
    ...options,
  });
}

/**
 * For malformed tokens only, made by hand: the claims the provider puts in Adele's token,
 * signed exactly as given (a claim set to undefined is left out), which the helper cannot do.
 */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: emulator.stack.issuer,
    aud: emulator.stack.audience,
    sub: ids.adele,
    oid: ids.adele,
    scp: 'User.ReadWrite',
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  };
}

async function signAsGiven(payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: emulator.signingKey.kid })
    .sign(await importJWK(emulator.signingKey, 'RS256'));
}

async function expectUnauthenticated(response: Response, mentions: (string | RegExp)[] = []) {
  const wwwAuthenticate = response.headers.get('www-authenticate');
  await expectGraphError(response, 401, 'InvalidAuthenticationToken', { mentions });
  expect(wwwAuthenticate).toMatch(/^Bearer /);
  expect(wwwAuthenticate).toContain('error="invalid_token"');
}

const withAuthorization = (value: string | null, path = '/me', init: RequestInit = {}) =>
  emulator.call(null, [], path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      ...(value === null ? {} : { Authorization: value }),
    },
  });

describe('valid tokens', () => {
  it('a token made like the identity provider makes them is accepted', async () => {
    const response = await withAuthorization(`Bearer ${await mint()}`);
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).id).toBe(ids.adele);
  });

  it('the scheme name is case-insensitive', async () => {
    expect((await withAuthorization(`bearer ${await mint()}`)).status).toBe(200);
  });
});

describe("every bad token is 401 InvalidAuthenticationToken in Graph's error shape", () => {
  type HeaderMaker = () => string | null | Promise<string | null>;
  const cases: [string, HeaderMaker, (string | RegExp)[]][] = [
    ['no Authorization header', () => null, ['empty']],
    ['an empty Authorization header', () => '', []],
    [
      'a Basic credential',
      () => `Basic ${Buffer.from('adele@contoso.com:Passw0rd!').toString('base64')}`,
      ['Bearer'],
    ],
    ['Bearer with nothing after it', () => 'Bearer ', []],
    ['Bearer with two tokens', async () => `Bearer ${await mint()} ${await mint()}`, ['Bearer']],
    ['a malformed token (not a JWT)', () => 'Bearer not-a-jwt', ['malformed']],
    ['a malformed token (three parts of garbage)', () => 'Bearer aaa.bbb.ccc', ['malformed']],
    [
      'a malformed token (payload not JSON)',
      () =>
        `Bearer ${b64url({ alg: 'RS256', kid: emulator.signingKey.kid })}.${b64url('not json')}.${b64url('sig')}`,
      [],
    ],
    [
      'an expired token',
      async () => `Bearer ${await mint({ expiresInSeconds: -60 })}`,
      ['expired'],
    ],
    [
      'an expired token by one second',
      async () => `Bearer ${await mint({ expiresInSeconds: -1 })}`,
      ['expired'],
    ],
    [
      'a token not valid yet (nbf in the future)',
      async () => `Bearer ${await mint({ claims: { nbf: now() + 600 } })}`,
      ['nbf'],
    ],
    [
      'a wrong signature (another RSA key, same kid)',
      async () => `Bearer ${await mint({ signWith: otherKey })}`,
      ['signature'],
    ],
    [
      'another RSA key with an unknown kid',
      async () => `Bearer ${await mint({ signWith: otherKey, header: { kid: 'someone-else' } })}`,
      ['key'],
    ],
    [
      'a tampered payload (scopes raised, signature kept)',
      async () => {
        const [header, payload, signature] = (await mint({ scopes: ['User.Read'] })).split('.');
        const raised = {
          ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>),
          scp: 'User.ReadWrite.All',
        };
        return `Bearer ${header}.${b64url(raised)}.${signature}`;
      },
      ['signature'],
    ],
    [
      'a wrong audience',
      async () => `Bearer ${await mint({ audience: 'https://graph.microsoft.com' })}`,
      ['audience'],
    ],
    ['no audience', async () => `Bearer ${await signAsGiven(claims({ aud: undefined }))}`, []],
    [
      'a wrong issuer',
      async () =>
        `Bearer ${await mint({ issuer: 'https://login.microsoftonline.com/contoso/v2.0' })}`,
      ['issuer'],
    ],
    [
      'alg: none (unsigned)',
      () =>
        `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims({ scp: 'User.ReadWrite.All' }))}.`,
      [],
    ],
    [
      'alg: HS256 with a shared secret',
      async () => {
        const jwt = await new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!'));
        return `Bearer ${jwt}`;
      },
      ['algorithm'],
    ],
    [
      'a token for a user that does not exist',
      async () => `Bearer ${await mint({ userId: randomUUID() })}`,
      ['does not exist'],
    ],
    [
      'a token without an oid',
      async () => `Bearer ${await signAsGiven(claims({ oid: undefined }))}`,
      ['oid'],
    ],
    [
      'a token without exp',
      async () => `Bearer ${await signAsGiven(claims({ exp: undefined }))}`,
      ['exp'],
    ],
    [
      'a token without iat',
      async () => `Bearer ${await signAsGiven(claims({ iat: undefined }))}`,
      ['iat'],
    ],
  ];

  it.each(cases)('%s', async (_name, makeHeader, mentions) => {
    const header = await makeHeader();
    await expectUnauthenticated(
      await withAuthorization(header, '/me', { headers: { 'client-request-id': 'auth-case' } }),
      mentions,
    );
  });

  it.each(cases.map(([name, makeHeader]) => [name, makeHeader] as const))(
    '%s: a POST, PATCH or DELETE changes nothing',
    async (_name, makeHeader) => {
      const header = await makeHeader();
      const before = snapshotAll(emulator);
      const [target] = before[ids.adele];
      await expectUnauthenticated(
        await withAuthorization(header, '/me/profile/positions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ detail: { jobTitle: 'Intruder' } }),
        }),
      );
      await expectUnauthenticated(
        await withAuthorization(header, `/me/profile/positions/${target.body.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ detail: { jobTitle: 'Intruder' } }),
        }),
      );
      await expectUnauthenticated(
        await withAuthorization(header, `/me/profile/positions/${target.body.id}`, {
          method: 'DELETE',
        }),
      );
      expect(snapshotAll(emulator)).toEqual(before);
    },
  );

  it('authentication comes before routing: an unknown path without a token is 401, not 400', async () => {
    await expectUnauthenticated(await withAuthorization(null, '/no/such/thing'));
    await expectUnauthenticated(await withAuthorization(null, '/users'));
  });
});

describe('POST /_emulator/expire-tokens', () => {
  let fresh: EmulatorHarness;
  beforeAll(async () => {
    fresh = await startEmulator();
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('makes every token issued before it 401, while tokens issued after it work', async () => {
    const adeleEarlier = await fresh.token('adele', ['User.Read']);
    const meganEarlier = await fresh.token('megan', ['User.ReadWrite.All']);
    const send = (jwt: string) =>
      fresh.call(null, [], '/me', { headers: { Authorization: `Bearer ${jwt}` } });
    expect((await send(adeleEarlier)).status).toBe(200);
    expect((await send(meganEarlier)).status).toBe(200);

    const expire = await fresh.control('/expire-tokens');
    expect(expire.status).toBe(204);

    // Both are still within their own lifetime, and both are refused now.
    await expectUnauthenticated(await send(adeleEarlier), ['expired']);
    await expectUnauthenticated(await send(meganEarlier), ['expired']);

    const later = await fresh.token('adele', ['User.Read']);
    expect((await send(later)).status).toBe(200);
  });
});
