import { importJWK, SignJWT, type JWK, type JWTHeaderParameters } from 'jose';
import { LOCAL_CLIENT } from '../../emulator/local-stack.js';
import { DEMO_TENANT } from '../../emulator/store/demo-directory.js';

export interface AccessTokenOptions {
  /** The identity provider's private signing key (from the emulator's settings store). */
  signingKey: JWK;
  /** Sign with this key instead, keeping `signingKey`'s key id: a forged token. */
  signWith?: JWK;
  issuer: string;
  audience: string;
  /** The signed-in user's object id (`oid` and `sub`). */
  userId: string;
  scopes: readonly string[];
  /** Claims added to, or replacing, the usual ones. */
  claims?: Record<string, unknown>;
  header?: Partial<JWTHeaderParameters>;
  expiresInSeconds?: number;
}

/**
 * An access token as the local identity provider issues one (same key, issuer, audience
 * and Entra-style claims), for tests and scripts that call the Graph emulator without a
 * browser. The one place such tokens are made.
 */
export async function mintAccessToken(options: AccessTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = await importJWK(options.signWith ?? options.signingKey, 'RS256');
  return new SignJWT({
    scp: options.scopes.join(' '),
    oid: options.userId,
    tid: DEMO_TENANT.id,
    azp: LOCAL_CLIENT.id,
    app_displayname: LOCAL_CLIENT.name,
    ...options.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: options.signingKey.kid, ...options.header })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .sign(key);
}
