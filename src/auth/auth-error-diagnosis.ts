/**
 * What went wrong with a sign-in or a token request, in plain words, decided by the error
 * code and Entra's AADSTS number (never by words in a message), with the way out. Pure:
 * it reads the fields MSAL's errors carry (and the `error`/`error_description` of the
 * administrator-consent answer), so it can be tested without a browser.
 */

/** What the user can do about it. */
export type WayOut = 'try-again' | 'sign-in-again' | 'ask-administrator' | 'check-registration';

export type AuthProblem =
  | 'consent-refused'
  | 'admin-approval-needed'
  | 'consent-required'
  | 'not-assigned'
  | 'unknown-application'
  | 'registration-mismatch'
  | 'mfa-required'
  | 'blocked-by-policy'
  | 'no-session'
  | 'sign-in-revoked'
  | 'renewal-timed-out'
  | 'tokens-missing'
  | 'sign-in-refused'
  | 'interaction-in-progress'
  | 'network'
  | 'sign-in-service-unknown'
  | 'unknown';

/** The fields of MSAL's AuthError (and its subclasses) that say what happened. */
export interface AuthErrorFields {
  errorCode?: string;
  errorMessage?: string;
  subError?: string;
  /** The AADSTS number, as MSAL read it from `error_uri` or `error_codes`. */
  errorNo?: string | number;
  correlationId?: string;
  timestamp?: string;
}

/** About the permission that was being asked for, to name it in the advice. */
export interface PermissionContext {
  /** e.g. `User.ReadWrite.All`. */
  permission?: string;
  /** True when only an administrator can grant it (so "consent required" means "ask one"). */
  needsAdministrator?: boolean;
}

export interface AuthDiagnosis {
  problem: AuthProblem;
  /** What happened, in a few words. */
  title: string;
  /** Why, in a sentence. */
  explanation: string;
  wayOut: WayOut;
  /** The way out, in words. */
  advice: string;
  /** Entra's number, when it gave one. */
  aadsts?: number;
  /** The code as the sign-in service or MSAL gave it, e.g. `access_denied` or `timed_out (monitor_window_timeout)`. */
  code: string;
  correlationId?: string;
  timestamp?: string;
  /** "AADSTS65004 · access_denied · Correlation ID … · 2026-11-27 10:00:00Z", for support. */
  reference: string;
}

interface Rule {
  problem: AuthProblem;
  /** Entra's numbers that mean this. */
  aadsts?: readonly number[];
  /** MSAL's or the protocol's codes (error or suberror) that mean this, when no number decides. */
  codes?: readonly string[];
  title: string;
  explanation: (context: PermissionContext) => string;
  wayOut: WayOut | ((context: PermissionContext) => WayOut);
}

const thePermission = ({ permission }: PermissionContext) =>
  permission ? `the permission ${permission}` : 'this permission';

/**
 * The classification table, most specific first: Entra's number decides when there is one,
 * then the error code. Sources: Microsoft Entra authentication and authorization error
 * codes (learn.microsoft.com, entra/identity-platform/reference-error-codes) and MSAL.js's
 * error codes.
 */
export const AUTH_ERROR_RULES: readonly Rule[] = [
  {
    problem: 'consent-refused',
    aadsts: [65004],
    title: "Permission wasn't given",
    explanation: (context) =>
      `The request for ${thePermission(context)} was declined, so Profile Editor can't go on.`,
    wayOut: 'try-again',
  },
  {
    problem: 'admin-approval-needed',
    aadsts: [90094, 90095],
    title: 'An administrator must approve this first',
    explanation: (context) =>
      `Your organisation lets only an administrator grant Profile Editor ${thePermission(context)}.`,
    wayOut: 'ask-administrator',
  },
  {
    problem: 'consent-required',
    aadsts: [65001],
    codes: ['consent_required'],
    title: "Profile Editor doesn't have this permission yet",
    explanation: (context) => `Nobody has granted Profile Editor ${thePermission(context)} yet.`,
    wayOut: ({ needsAdministrator }) =>
      needsAdministrator ? 'ask-administrator' : 'sign-in-again',
  },
  {
    problem: 'not-assigned',
    aadsts: [50105],
    title: "Your account isn't assigned to Profile Editor",
    explanation: () =>
      'Your organisation lets only the people assigned to Profile Editor sign in to it.',
    wayOut: 'ask-administrator',
  },
  {
    problem: 'unknown-application',
    aadsts: [700016, 90002],
    title: "Profile Editor isn't registered where it signs in",
    explanation: () =>
      "The sign-in service doesn't know this application in this organisation: the app's configuration names the wrong application (client) ID or tenant.",
    wayOut: 'check-registration',
  },
  {
    problem: 'registration-mismatch',
    aadsts: [50011, 9002326, 7000218],
    title: "Profile Editor's registration doesn't match how it runs",
    explanation: () =>
      'The app registration is missing this address as a single-page application redirect URI, or is registered for another platform.',
    wayOut: 'check-registration',
  },
  {
    problem: 'mfa-required',
    aadsts: [50076, 50079, 50074, 50072],
    title: 'Your organisation needs you to verify it is you',
    explanation: () =>
      'A second step of sign-in (multi-factor authentication) is required, and it was not completed.',
    wayOut: 'sign-in-again',
  },
  {
    problem: 'blocked-by-policy',
    aadsts: [53003, 53000, 53001],
    title: "Your organisation's access policy blocked this sign-in",
    explanation: () =>
      'A Conditional Access policy does not allow this sign-in (from this device, place or app).',
    wayOut: 'ask-administrator',
  },
  {
    problem: 'no-session',
    aadsts: [50058],
    codes: ['login_required'],
    title: "You're signed out",
    explanation: () => 'Your sign-in with Microsoft has ended.',
    wayOut: 'sign-in-again',
  },
  {
    problem: 'sign-in-revoked',
    aadsts: [50173, 70043, 700082, 50133],
    title: 'Your sign-in is no longer valid',
    explanation: () =>
      'It was revoked or expired (for example after a password change or a long time without use).',
    wayOut: 'sign-in-again',
  },
  {
    problem: 'renewal-timed-out',
    codes: ['timed_out', 'monitor_window_timeout', 'redirect_bridge_timeout'],
    title: 'Renewing your sign-in took too long',
    explanation: () =>
      "Profile Editor couldn't renew your sign-in in the background: the sign-in service didn't answer in time.",
    wayOut: 'sign-in-again',
  },
  {
    problem: 'tokens-missing',
    codes: [
      'no_tokens_found',
      'no_account_error',
      'refresh_token_expired',
      'token_refresh_required',
      'native_account_unavailable',
      'bad_token',
      'interrupted_user',
      'interaction_required',
      'invalid_grant',
    ],
    title: 'You need to sign in again',
    explanation: () => 'Profile Editor has no valid sign-in for you in this tab.',
    wayOut: 'sign-in-again',
  },
  {
    problem: 'interaction-in-progress',
    codes: ['interaction_in_progress'],
    title: 'Another sign-in is still under way',
    explanation: () => 'Profile Editor is already waiting for a sign-in to finish.',
    wayOut: 'try-again',
  },
  {
    problem: 'sign-in-refused',
    codes: ['access_denied', 'user_cancelled'],
    title: "Sign-in didn't finish",
    explanation: () => 'The sign-in was cancelled or refused.',
    wayOut: 'try-again',
  },
  {
    problem: 'sign-in-service-unknown',
    codes: ['endpoints_resolution_error', 'openid_config_error', 'untrusted_authority'],
    title: "The sign-in service couldn't be found",
    explanation: () =>
      "The app's sign-in address (AUTH_AUTHORITY) does not answer as a sign-in service does.",
    wayOut: 'check-registration',
  },
  {
    problem: 'network',
    codes: ['no_network_connectivity', 'post_request_failed', 'get_request_failed'],
    title: "The sign-in service couldn't be reached",
    explanation: () => "You may be offline, or the sign-in service isn't answering.",
    wayOut: 'try-again',
  },
];

const ADVICE: Record<WayOut, (context: PermissionContext, problem: AuthProblem) => string> = {
  'try-again': (_, problem) =>
    problem === 'consent-refused'
      ? 'If that was a mistake, ask again and choose Accept.'
      : 'Try again. If it keeps happening, tell whoever supports Profile Editor, with the details below.',
  'sign-in-again': () =>
    'Sign in again; you come back to this page, and nothing you typed is lost.',
  'ask-administrator': (context, problem) => {
    switch (problem) {
      case 'not-assigned':
        return 'Ask an administrator to assign you to Profile Editor (Enterprise applications › Profile Editor › Users and groups).';
      case 'blocked-by-policy':
        return 'Try from a device or network your organisation allows, or ask your IT department, with the details below.';
      default:
        return `Ask an administrator (Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator) to grant Profile Editor ${thePermission(context)}.`;
    }
  },
  'check-registration': () =>
    'Whoever set up Profile Editor should check its app registration and its AUTH_CLIENT_ID and AUTH_AUTHORITY settings (README, "Point it at a real tenant").',
};

/** Entra's number: MSAL's `errorNo`, else `AADSTS<n>` or MSAL's "Error(s): <n>" in the message. */
function aadstsOf(error: AuthErrorFields): number | undefined {
  const given = Number(error.errorNo);
  if (error.errorNo !== undefined && error.errorNo !== '' && Number.isInteger(given)) return given;
  const found =
    /AADSTS(\d+)/.exec(error.errorMessage ?? '') ??
    /Error\(s\): (\d+)/.exec(error.errorMessage ?? '');
  return found ? Number(found[1]) : undefined;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function correlationIdOf(error: AuthErrorFields): string | undefined {
  const found = new RegExp(`Correlation ID:\\s*(${GUID})`, 'i').exec(error.errorMessage ?? '');
  if (found) return found[1];
  // MSAL sets an empty correlation id when it has none.
  return error.correlationId === '' ? undefined : error.correlationId;
}

function timestampOf(error: AuthErrorFields): string | undefined {
  if (error.timestamp) return error.timestamp;
  const found = /Timestamp:\s*(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?)/i.exec(
    error.errorMessage ?? '',
  );
  return found?.[1];
}

function ruleFor(error: AuthErrorFields, aadsts: number | undefined): Rule | undefined {
  if (aadsts !== undefined) {
    const byNumber = AUTH_ERROR_RULES.find((rule) => rule.aadsts?.includes(aadsts));
    if (byNumber) return byNumber;
  }
  const codes = [error.subError, error.errorCode].filter((code): code is string => !!code);
  // A suberror is more precise than the error it qualifies (invalid_grant / consent_required).
  for (const code of codes) {
    const byCode = AUTH_ERROR_RULES.find((rule) => rule.codes?.includes(code));
    if (byCode) return byCode;
  }
  return undefined;
}

/** The diagnosis of a sign-in or token error: plain words, the way out, and the details for support. */
export function diagnoseAuthError(
  error: AuthErrorFields,
  context: PermissionContext = {},
): AuthDiagnosis {
  const aadsts = aadstsOf(error);
  const rule = ruleFor(error, aadsts);
  const code =
    [error.errorCode, error.subError]
      .filter((part): part is string => !!part)
      .reduce((text, part, index) => (index === 0 ? part : `${text} (${part})`), '') || 'unknown';
  const correlationId = correlationIdOf(error);
  const timestamp = timestampOf(error);
  const reference = [
    aadsts !== undefined ? `AADSTS${aadsts}` : undefined,
    code,
    correlationId ? `Correlation ID ${correlationId}` : undefined,
    timestamp,
  ]
    .filter(Boolean)
    .join(' · ');
  if (!rule) {
    const firstLine = (error.errorMessage ?? '').split(/\r?\n/)[0]?.trim();
    return {
      problem: 'unknown',
      title: "Signing in didn't work",
      explanation: firstLine || 'The sign-in service reported a problem.',
      wayOut: 'try-again',
      advice: ADVICE['try-again'](context, 'unknown'),
      aadsts,
      code,
      correlationId,
      timestamp,
      reference,
    };
  }
  const wayOut = typeof rule.wayOut === 'function' ? rule.wayOut(context) : rule.wayOut;
  return {
    problem: rule.problem,
    title: rule.title,
    explanation: rule.explanation(context),
    wayOut,
    advice: ADVICE[wayOut](context, rule.problem),
    aadsts,
    code,
    correlationId,
    timestamp,
    reference,
  };
}

/**
 * A refusal worth remembering: the user declined (AADSTS65004) or the permission needs an
 * administrator's approval (AADSTS90094). Not a cancelled, blocked or failed sign-in.
 */
export const isConsentRefusal = (diagnosis: AuthDiagnosis): boolean =>
  diagnosis.aadsts === 65004 || diagnosis.aadsts === 90094;
