/**
 * Graph's claims challenge (Continuous Access Evaluation): a 401 whose `WWW-Authenticate`
 * says `error="insufficient_claims"` and carries, base64-encoded, the claims a new token
 * must satisfy. Returns those claims as the JSON text MSAL's `claims` takes, or undefined
 * when the header is no such challenge.
 */
export function claimsFromChallenge(header: string | null): string | undefined {
  if (!header) return undefined;
  const parameters = new Map<string, string>();
  for (const match of header.matchAll(/([A-Za-z_]+)\s*=\s*"([^"]*)"/g))
    parameters.set(match[1].toLowerCase(), match[2]);
  const encoded = parameters.get('claims');
  if (parameters.get('error') !== 'insufficient_claims' || !encoded) return undefined;
  try {
    const bytes = Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (char) =>
      char.charCodeAt(0),
    );
    const claims = new TextDecoder().decode(bytes);
    JSON.parse(claims);
    return claims;
  } catch {
    // Not base64 of JSON: not a challenge the app can answer.
    return undefined;
  }
}
