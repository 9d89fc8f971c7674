import type { KoaContextWithOIDC } from 'oidc-provider';
import {
  aadstsNumber,
  ENTRA_ERRORS,
  errorUri,
  newTrace,
  tokenErrorBody,
  withTrace,
  type ApplicationRef,
  type EntraError,
} from './entra-errors.js';

/** MSAL's correlation id: a header on token requests, a parameter of authorization requests (kept through the provider's pages). */
function clientRequestId(ctx: KoaContextWithOIDC): string | undefined {
  const header = ctx.get('client-request-id');
  if (header) return header;
  const param = (ctx.oidc as KoaContextWithOIDC['oidc'] | undefined)?.params?.['client-request-id'];
  if (typeof param === 'string') return param;
  const query = ctx.query['client-request-id'];
  return typeof query === 'string' ? query : undefined;
}

/**
 * The token endpoint's errors in Entra's JSON: oidc-provider's own (an unconsented scope,
 * a refresh token or code that no longer works) become the AADSTS errors Entra answers
 * for them; any other gets the trace members.
 */
export function decorateTokenError(
  ctx: KoaContextWithOIDC,
  context: { application: ApplicationRef; grantType: string | undefined },
): void {
  const body = ctx.body as { error?: string; error_description?: string } | undefined;
  if (!body?.error || 'trace_id' in body) return;
  const trace = newTrace(clientRequestId(ctx));
  let entra: EntraError | undefined;
  if (body.error === 'invalid_scope') {
    // Entra answers a silent request for an unconsented scope with invalid_grant and
    // suberror consent_required; MSAL turns that into InteractionRequiredAuthError.
    entra = ENTRA_ERRORS.consentRequired(context.application);
  } else if (body.error === 'invalid_grant') {
    if (context.grantType === 'refresh_token') entra = ENTRA_ERRORS.refreshTokenRevoked();
    else if (/pkce|code_verifier/i.test(body.error_description ?? ''))
      entra = ENTRA_ERRORS.codeVerifierMismatch();
    else entra = ENTRA_ERRORS.authorizationCodeInvalid();
  }
  if (entra) {
    ctx.status = 400;
    ctx.body = tokenErrorBody(entra, trace);
    return;
  }
  ctx.body = {
    ...body,
    error_description: withTrace(body.error_description ?? body.error, trace),
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
  };
}

/**
 * An error on its way to the app's redirect URI, in Entra's form: the description starts
 * with the AADSTS number and carries the trace lines, and `error_uri` names the number.
 * oidc-provider's own silent-request errors become Entra's: no session is AADSTS50058,
 * missing consent AADSTS65001.
 */
export function decorateAuthorizationRedirect(
  ctx: KoaContextWithOIDC,
  application: ApplicationRef,
): void {
  const location = ctx.response.get('Location');
  if (!location) return;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return;
  }
  const inFragment = url.hash.length > 1;
  const params = new URLSearchParams(inFragment ? url.hash.slice(1) : url.search);
  const error = params.get('error');
  if (!error) return;
  let description = params.get('error_description') ?? '';
  if (aadstsNumber(description) === undefined) {
    const known =
      error === 'login_required'
        ? ENTRA_ERRORS.loginRequired()
        : error === 'consent_required'
          ? ENTRA_ERRORS.consentRequired(application)
          : undefined;
    if (known) {
      params.set('error', known.redirectError);
      description = `AADSTS${known.code}: ${known.message}`;
    }
  }
  const code = aadstsNumber(description);
  params.set('error_description', withTrace(description || error, newTrace(clientRequestId(ctx))));
  if (code !== undefined) params.set('error_uri', errorUri(code));
  if (inFragment) url.hash = params.toString();
  else url.search = params.toString();
  const status = ctx.status;
  ctx.redirect(url.href);
  ctx.status = status;
}
