/**
 * The `claims` request parameter (OpenID Connect Core 5.5), as MSAL sends it on
 * authorization and token requests: the claims an API demanded in a claims challenge
 * (Continuous Access Evaluation), merged with the app's client capabilities,
 * e.g. `{"access_token":{"xms_cc":{"values":["CP1"]},"nbf":{"essential":true,"value":"1700000000"}}}`.
 */
export type ClaimsRequest = Record<string, unknown>;

/** The parsed parameter, undefined when absent, or 'malformed' when it is not a JSON object. */
export function parseClaimsParameter(raw: string | null): ClaimsRequest | undefined | 'malformed' {
  if (raw === null || raw.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'malformed';
    return parsed as ClaimsRequest;
  } catch {
    return 'malformed';
  }
}

/** The client capabilities asked for in the access token (`xms_cc`), e.g. ["CP1"]. */
export function capabilitiesRequested(claims: ClaimsRequest | undefined): string[] {
  const accessToken = claims?.access_token;
  if (typeof accessToken !== 'object' || accessToken === null) return [];
  const request = (accessToken as Record<string, unknown>).xms_cc;
  if (typeof request !== 'object' || request === null) return [];
  const values = (request as Record<string, unknown>).values;
  return Array.isArray(values)
    ? [...new Set(values.filter((value): value is string => typeof value === 'string'))]
    : [];
}
