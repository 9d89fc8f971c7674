import type { IncomingMessage } from 'node:http';
import {
  createLocalJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import type { DirectoryStore, UserRecord } from '../store/directory-store.js';
import { invalidAuthenticationToken } from './graph-error.js';

/** Who is calling, with what: the signed-in user and the delegated scopes of the token. */
export interface Principal {
  record: UserRecord;
  scopes: Set<string>;
  application: { id: string | null; displayName: string };
}

export interface TokenRules {
  issuer: string;
  audience: string;
  /** Public keys of the identity provider; Node cannot fetch its own JWKS over self-signed HTTPS. */
  jwks: JSONWebKeySet;
  /** Tokens issued before this (seconds) count as expired: the emulator's way to expire a session. */
  notBefore?: () => number;
  /**
   * Continuous Access Evaluation (claims-challenge.ts): throws Graph's 401 claims
   * challenge for a valid token that an event since its issue has made insufficient.
   */
  continuousAccess?: (userId: string, token: JWTPayload) => void;
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired)
    return 'Lifetime validation failed, the token is expired.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'Access token validation failure. Invalid signature.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return 'Access token validation failure. The signing algorithm is not allowed.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'Access token validation failure. Invalid audience.';
    if (error.claim === 'iss') return 'Access token validation failure. Invalid issuer.';
    return `Access token validation failure. Invalid claim '${error.claim}'.`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return 'Access token validation failure. No key matches the token.';
  return 'Access token validation failure. The token is malformed.';
}

export function createAuthenticator(rules: TokenRules, directory: DirectoryStore) {
  const keys = createLocalJWKSet(rules.jwks);
  return async function authenticate(req: IncomingMessage): Promise<Principal> {
    const header = req.headers.authorization;
    if (!header) throw invalidAuthenticationToken('Access token is empty.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw invalidAuthenticationToken('Access token is not a Bearer token.');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'iat', 'oid'],
      }));
    } catch (error) {
      throw invalidAuthenticationToken(describeFailure(error));
    }
    if (rules.notBefore && (payload.iat ?? 0) < rules.notBefore()) {
      throw invalidAuthenticationToken('Lifetime validation failed, the token is expired.');
    }
    const record = typeof payload.oid === 'string' ? directory.find(payload.oid) : undefined;
    if (!record)
      throw invalidAuthenticationToken(
        'Access token validation failure. The user in the token does not exist.',
      );
    rules.continuousAccess?.(record.user.id, payload);
    const scp = typeof payload.scp === 'string' ? payload.scp : '';
    const appId = typeof payload.azp === 'string' ? payload.azp : null;
    const appName =
      typeof payload.app_displayname === 'string' ? payload.app_displayname : 'Unknown application';
    return {
      record,
      scopes: new Set(scp.split(' ').filter(Boolean)),
      application: { id: appId, displayName: appName },
    };
  };
}
