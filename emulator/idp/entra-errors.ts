import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The errors Microsoft Entra ID answers, in its shapes, so that an app diagnoses the
 * local provider's failures exactly as it must diagnose Entra's. Sources: "Microsoft Entra
 * authentication and authorization error codes" and the OAuth 2.0 authorization code
 * flow page (learn.microsoft.com/entra/identity-platform), and error bodies users of
 * Entra have posted.
 *
 * Every error has an AADSTS number and a message; the `error_description` is
 * "AADSTS<number>: <message>" followed by "Trace ID", "Correlation ID" and "Timestamp"
 * lines (CR LF between lines). JSON errors from the token endpoint also carry
 * `error_codes`, `timestamp`, `trace_id`, `correlation_id` and `error_uri` members, and
 * `suberror` (and `claims`) where Entra sends them. Errors that return to the app's
 * redirect URI carry `error`, `error_description`, `error_uri` and `state`.
 */
export interface EntraError {
  code: number;
  message: string;
  /** `error` in a JSON answer of the token endpoint. */
  tokenError: string;
  /** `error` when the answer returns to the app's redirect URI (interactive or `prompt=none`). */
  redirectError: string;
  suberror?: string;
  /** JSON the app should send back as the `claims` parameter. */
  claims?: string;
}

/** Graph's application id: the resource Entra names in its multi-factor messages. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface ApplicationRef {
  id: string;
  name: string;
}

/** The catalogue. Each entry is what Entra answers for that failure. */
export const ENTRA_ERRORS = {
  /** The user pressed Cancel on the consent prompt. */
  consentDeclined: (): EntraError => ({
    code: 65004,
    message: 'User declined to consent to access the app.',
    tokenError: 'access_denied',
    redirectError: 'access_denied',
  }),
  /** An administrator pressed Cancel on the administrator-consent prompt (v2.0/adminconsent). */
  adminConsentDeclined: (): EntraError => ({
    code: 65004,
    message: 'The resource owner or authorization server denied the request.',
    tokenError: 'consent_required',
    redirectError: 'consent_required',
  }),
  /** "Need admin approval": the user may not consent, an administrator must. */
  adminApprovalRequired: (): EntraError => ({
    code: 90094,
    message: 'The grant requires admin permission.',
    tokenError: 'access_denied',
    redirectError: 'access_denied',
  }),
  /** A silent request for a scope nobody consented to. */
  consentRequired: (app: ApplicationRef): EntraError => ({
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${app.id}' named '${app.name}'. Send an interactive authorization request for this user and resource.`,
    tokenError: 'invalid_grant',
    redirectError: 'consent_required',
    suberror: 'consent_required',
  }),
  /** The application requires assignment and the user is not assigned. */
  notAssigned: (app: ApplicationRef, userPrincipalName: string): EntraError => ({
    code: 50105,
    message: `Your administrator has configured the application ${app.name} ('${app.id}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${userPrincipalName}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
    tokenError: 'invalid_grant',
    redirectError: 'access_denied',
  }),
  /** No such application in the tenant: a wrong client id, or the wrong tenant. */
  unknownClient: (clientId: string, tenantName: string): EntraError => ({
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    tokenError: 'unauthorized_client',
    redirectError: 'unauthorized_client',
  }),
  /** Multi-factor authentication is required and this session has not done it. */
  mfaRequired: (): EntraError => ({
    code: 50076,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${GRAPH_APP_ID}'.`,
    tokenError: 'invalid_grant',
    redirectError: 'interaction_required',
    suberror: 'basic_action',
  }),
  /** Multi-factor authentication is required and the user has not registered a method yet. */
  mfaRegistrationRequired: (): EntraError => ({
    code: 50079,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${GRAPH_APP_ID}'.`,
    tokenError: 'interaction_required',
    redirectError: 'interaction_required',
    suberror: 'basic_action',
  }),
  /** The user gave up on the multi-factor prompt. */
  mfaNotCompleted: (): EntraError => ({
    code: 50074,
    message: 'Strong Authentication is required.',
    tokenError: 'access_denied',
    redirectError: 'access_denied',
  }),
  /** A Conditional Access policy blocks this sign-in. */
  blockedByConditionalAccess: (): EntraError => ({
    code: 53003,
    message:
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    tokenError: 'interaction_required',
    redirectError: 'access_denied',
    suberror: 'message_only',
  }),
  /** A silent authorization request without a session at the provider. */
  loginRequired: (): EntraError => ({
    code: 50058,
    message: 'A silent sign-in request was sent but no user is signed in.',
    tokenError: 'login_required',
    redirectError: 'login_required',
  }),
  /** A refresh token that no longer works (revoked, reused, expired). */
  refreshTokenRevoked: (): EntraError => ({
    code: 50173,
    message:
      'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
    tokenError: 'invalid_grant',
    redirectError: 'invalid_grant',
  }),
  /** An authorization code that is unknown, used or expired. */
  authorizationCodeInvalid: (): EntraError => ({
    code: 70008,
    message:
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    tokenError: 'invalid_grant',
    redirectError: 'invalid_grant',
  }),
  /** The PKCE verifier does not match the challenge. */
  codeVerifierMismatch: (): EntraError => ({
    code: 501481,
    message:
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    tokenError: 'invalid_grant',
    redirectError: 'invalid_grant',
  }),
  /** The redirect URI is not one the application registered. */
  redirectUriMismatch: (redirectUri: string, clientId: string): EntraError => ({
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    tokenError: 'invalid_request',
    redirectError: 'invalid_request',
  }),
  /** A required parameter is missing. */
  missingParameter: (name: string): EntraError => ({
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
    tokenError: 'invalid_request',
    redirectError: 'invalid_request',
  }),
  /** A scope the resource does not have. */
  invalidScope: (scope: string): EntraError => ({
    code: 70011,
    message: `The provided value for the input parameter 'scope' isn't valid. The scope '${scope}' doesn't exist on the resource.`,
    tokenError: 'invalid_scope',
    redirectError: 'invalid_scope',
  }),
  /** A `claims` parameter that is not a JSON object. */
  malformedClaims: (): EntraError => ({
    code: 90015,
    message: "Requested query string is too long or the 'claims' parameter is not valid JSON.",
    tokenError: 'invalid_request',
    redirectError: 'invalid_request',
  }),
} as const;

/** Trace ID, Correlation ID and Timestamp: the diagnostics Entra attaches to every error. */
export interface ErrorTrace {
  traceId: string;
  correlationId: string;
  /** As Entra writes it: "2016-01-09 02:02:12Z". */
  timestamp: string;
}

export const entraTimestamp = (when = new Date()): string =>
  `${when.toISOString().slice(0, 19).replace('T', ' ')}Z`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new trace for one failure; Entra echoes the client's `client-request-id` as its correlation id. */
export function newTrace(clientRequestId?: string): ErrorTrace {
  return {
    traceId: randomUUID(),
    correlationId: clientRequestId && GUID.test(clientRequestId) ? clientRequestId : randomUUID(),
    timestamp: entraTimestamp(),
  };
}

/** MSAL sends its correlation id as `client-request-id`: a header on token requests, a query parameter on authorization requests. */
export function clientRequestIdOf(req: IncomingMessage): string | undefined {
  const header = req.headers['client-request-id'];
  if (typeof header === 'string' && header) return header;
  const query = new URL(req.url ?? '/', 'http://local').searchParams.get('client-request-id');
  return query ?? undefined;
}

export const errorUri = (code: number): string =>
  `https://login.microsoftonline.com/error?code=${code}`;

const TRAILER = '\r\nTrace ID: ';

/** "AADSTS<n>: <message>" and the trace lines, as Entra writes an error_description. */
export function describeEntraError(error: EntraError, trace: ErrorTrace): string {
  return withTrace(`AADSTS${error.code}: ${error.message}`, trace);
}

/** Adds the trace lines to a description that has none yet. */
export function withTrace(description: string, trace: ErrorTrace): string {
  if (description.includes(TRAILER)) return description;
  return `${description}\r\nTrace ID: ${trace.traceId}\r\nCorrelation ID: ${trace.correlationId}\r\nTimestamp: ${trace.timestamp}`;
}

/** The JSON body of a token-endpoint error. */
export function tokenErrorBody(error: EntraError, trace: ErrorTrace): Record<string, unknown> {
  return {
    error: error.tokenError,
    error_description: describeEntraError(error, trace),
    error_codes: [error.code],
    timestamp: trace.timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: errorUri(error.code),
    ...(error.suberror ? { suberror: error.suberror } : {}),
    ...(error.claims ? { claims: error.claims } : {}),
  };
}

/** The parameters of an error that returns to the app's redirect URI (without `state`). */
export function redirectErrorParams(error: EntraError, trace: ErrorTrace): Record<string, string> {
  return {
    error: error.redirectError,
    error_description: describeEntraError(error, trace),
    error_uri: errorUri(error.code),
  };
}

/** The AADSTS number a description starts with, if any. */
export function aadstsNumber(description: string | undefined): number | undefined {
  const match = /^AADSTS(\d+):/.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * An Entra error as oidc-provider carries it to the redirect URI (an interaction's result,
 * or a thrown error): the trace lines and `error_uri` are added on the way out.
 */
export function forRedirect(error: EntraError): { error: string; error_description: string } {
  return { error: error.redirectError, error_description: `AADSTS${error.code}: ${error.message}` };
}
