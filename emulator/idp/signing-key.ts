import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { SettingsStore } from '../store/settings-store.js';

/** The key without its private members (d, p, q, dp, dq, qi): what a JWKS may publish. */
export function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicMembers } = jwk;
  return publicMembers;
}

/** The provider's RS256 signing key, made once and kept so restarts do not sign anyone out. */
export async function loadOrCreateSigningKey(settings: SettingsStore): Promise<JWK> {
  const existing = settings.get<JWK>('idp.signingKey');
  if (existing) return existing;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `local-${Date.now().toString(36)}`,
    alg: 'RS256',
    use: 'sig',
  };
  settings.set('idp.signingKey', jwk);
  return jwk;
}
