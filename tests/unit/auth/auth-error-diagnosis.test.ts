import {
  AuthError,
  BrowserAuthError,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import {
  AUTH_ERROR_RULES,
  diagnoseAuthError,
  isConsentRefusal,
  type AuthProblem,
  type WayOut,
} from '../../../src/auth/auth-error-diagnosis';

const CORRELATION = '0b5c2a3e-8f41-4d7c-9a55-2f1e6c3d4b7a';
const TRACE = '7d3f1c2b-1111-4a2b-9c3d-0e1f2a3b4c5d';
const TIMESTAMP = '2026-11-27 10:15:42Z';

/** Entra's `error_description` at the redirect URI: the number and message, then CR LF lines. */
const description = (aadsts: number, message: string) =>
  `AADSTS${aadsts}: ${message}\r\nTrace ID: ${TRACE}\r\nCorrelation ID: ${CORRELATION}\r\nTimestamp: ${TIMESTAMP}`;

/** As MSAL builds it from an error at the redirect URI (the number read from `error_uri`). */
const atRedirect = (error: string, aadsts: number, message: string) =>
  new ServerError(error, CORRELATION, description(aadsts, message), undefined, String(aadsts));

/** As MSAL builds it from the token endpoint's JSON (`error_codes`, its own message format). */
const atTokenEndpoint = (error: string, aadsts: number, subError?: string) =>
  new InteractionRequiredAuthError(
    error,
    CORRELATION,
    description(aadsts, 'from the token endpoint'),
    subError,
    TIMESTAMP,
    TRACE,
    '',
    String(aadsts),
  );

const cases: {
  name: string;
  error: AuthError;
  problem: AuthProblem;
  wayOut: WayOut;
  context?: { permission?: string; needsAdministrator?: boolean };
}[] = [
  {
    name: 'consent declined (AADSTS65004)',
    error: atRedirect('access_denied', 65004, 'User declined to consent to access the app.'),
    problem: 'consent-refused',
    wayOut: 'try-again',
  },
  {
    name: 'administrator approval needed (AADSTS90094)',
    error: atRedirect(
      'access_denied',
      90094,
      'Admin consent is required for the permissions requested by this application.',
    ),
    problem: 'admin-approval-needed',
    wayOut: 'ask-administrator',
  },
  {
    name: 'consent required, silently, for a permission a user may consent to (AADSTS65001)',
    error: atTokenEndpoint('invalid_grant', 65001, 'consent_required'),
    problem: 'consent-required',
    wayOut: 'sign-in-again',
  },
  {
    name: 'consent required for a permission only an administrator grants',
    error: new InteractionRequiredAuthError(
      'consent_required',
      CORRELATION,
      description(65001, 'The user or administrator has not consented.'),
    ),
    problem: 'consent-required',
    wayOut: 'ask-administrator',
    context: { permission: 'User.ReadWrite.All', needsAdministrator: true },
  },
  {
    name: 'user not assigned (AADSTS50105)',
    error: atRedirect(
      'access_denied',
      50105,
      'Your administrator has configured the application to block users unless they are specifically granted access.',
    ),
    problem: 'not-assigned',
    wayOut: 'ask-administrator',
  },
  {
    name: 'unknown application (AADSTS700016)',
    error: atRedirect(
      'unauthorized_client',
      700016,
      "Application with identifier 'x' was not found in the directory 'Contoso'.",
    ),
    problem: 'unknown-application',
    wayOut: 'check-registration',
  },
  {
    name: 'multi-factor authentication required, silently (AADSTS50076)',
    error: atTokenEndpoint('interaction_required', 50076, 'basic_action'),
    problem: 'mfa-required',
    wayOut: 'sign-in-again',
  },
  {
    name: 'multi-factor registration required (AADSTS50079)',
    error: atTokenEndpoint('interaction_required', 50079, 'basic_action'),
    problem: 'mfa-required',
    wayOut: 'sign-in-again',
  },
  {
    name: 'second factor not given (AADSTS50074)',
    error: atRedirect('access_denied', 50074, 'Strong Authentication is required.'),
    problem: 'mfa-required',
    wayOut: 'sign-in-again',
  },
  {
    name: 'blocked by Conditional Access (AADSTS53003)',
    error: atRedirect(
      'access_denied',
      53003,
      'Access has been blocked by Conditional Access policies.',
    ),
    problem: 'blocked-by-policy',
    wayOut: 'ask-administrator',
  },
  {
    name: 'blocked by Conditional Access, from the token endpoint (interaction_required, message_only)',
    error: atTokenEndpoint('interaction_required', 53003, 'message_only'),
    problem: 'blocked-by-policy',
    wayOut: 'ask-administrator',
  },
  {
    name: 'no session at the provider (AADSTS50058)',
    error: new InteractionRequiredAuthError(
      'login_required',
      CORRELATION,
      description(50058, 'A silent sign-in request was sent but no user is signed in.'),
      undefined,
      undefined,
      undefined,
      undefined,
      '50058',
    ),
    problem: 'no-session',
    wayOut: 'sign-in-again',
  },
  {
    name: 'refresh token revoked (AADSTS50173), in MSAL’s token-endpoint message format',
    error: new ServerError(
      'invalid_grant',
      CORRELATION,
      `Error(s): 50173 - Timestamp: ${TIMESTAMP} - Description: AADSTS50173: The provided grant has expired due to it being revoked. - Correlation ID: ${CORRELATION} - Trace ID: ${TRACE}`,
      undefined,
      '50173',
    ),
    problem: 'sign-in-revoked',
    wayOut: 'sign-in-again',
  },
  {
    name: 'hidden-frame renewal timed out (timed_out, monitor_window_timeout)',
    error: new AuthError('timed_out', CORRELATION, undefined, 'monitor_window_timeout'),
    problem: 'renewal-timed-out',
    wayOut: 'sign-in-again',
  },
  {
    name: 'redirect bridge never answered (timed_out)',
    error: new BrowserAuthError('timed_out', CORRELATION, 'redirect_bridge_timeout'),
    problem: 'renewal-timed-out',
    wayOut: 'sign-in-again',
  },
  {
    name: 'no tokens in the cache (no_tokens_found)',
    error: new InteractionRequiredAuthError('no_tokens_found', CORRELATION),
    problem: 'tokens-missing',
    wayOut: 'sign-in-again',
  },
  {
    name: 'no account (no_account_error)',
    error: new BrowserAuthError('no_account_error', CORRELATION),
    problem: 'tokens-missing',
    wayOut: 'sign-in-again',
  },
  {
    name: 'network failure talking to the token endpoint',
    error: new BrowserAuthError('post_request_failed', CORRELATION),
    problem: 'network',
    wayOut: 'try-again',
  },
  {
    name: 'no network at all',
    error: new BrowserAuthError('no_network_connectivity', CORRELATION),
    problem: 'network',
    wayOut: 'try-again',
  },
  {
    name: "the authority's metadata could not be found",
    error: new AuthError('endpoints_resolution_error', CORRELATION, 'Could not resolve endpoints.'),
    problem: 'sign-in-service-unknown',
    wayOut: 'check-registration',
  },
  {
    name: 'a cancelled sign-in without a number',
    error: new BrowserAuthError('user_cancelled', CORRELATION),
    problem: 'sign-in-refused',
    wayOut: 'try-again',
  },
  {
    name: 'another interaction under way',
    error: new BrowserAuthError('interaction_in_progress', CORRELATION),
    problem: 'interaction-in-progress',
    wayOut: 'try-again',
  },
  {
    name: 'an error nobody classified',
    error: new ServerError('temporarily_unavailable', CORRELATION, 'The service is busy.\r\nmore'),
    problem: 'unknown',
    wayOut: 'try-again',
  },
];

describe('diagnoseAuthError: the classification table', () => {
  it.each(cases)('$name → $problem, way out: $wayOut', ({ error, problem, wayOut, context }) => {
    const diagnosis = diagnoseAuthError(error, context);
    expect(diagnosis.problem).toBe(problem);
    expect(diagnosis.wayOut).toBe(wayOut);
    expect(diagnosis.title).not.toBe('');
    expect(diagnosis.advice).not.toBe('');
  });

  it('gives each problem of the table its own words', () => {
    const titles = AUTH_ERROR_RULES.map((rule) => rule.title);
    expect(new Set(titles).size).toBe(titles.length);
    const numbers = AUTH_ERROR_RULES.flatMap((rule) => rule.aadsts ?? []);
    expect(new Set(numbers).size, 'an AADSTS number in two rows').toBe(numbers.length);
  });

  it('decides by number, not by words: "admin" in a message says nothing', () => {
    const wrongClient = atRedirect(
      'unauthorized_client',
      700016,
      'Application not found. Ask your admin to check the admin center.',
    );
    expect(diagnoseAuthError(wrongClient).problem).toBe('unknown-application');
    const notAssigned = atRedirect('access_denied', 50105, 'Your administrator has configured…');
    expect(diagnoseAuthError(notAssigned).problem).toBe('not-assigned');
  });

  it('keeps the number, the code, the correlation id and the time for support', () => {
    const diagnosis = diagnoseAuthError(atRedirect('access_denied', 65004, 'User declined.'));
    expect(diagnosis).toMatchObject({
      aadsts: 65004,
      code: 'access_denied',
      correlationId: CORRELATION,
      timestamp: TIMESTAMP,
      reference: `AADSTS65004 · access_denied · Correlation ID ${CORRELATION} · ${TIMESTAMP}`,
    });
    const timedOut = diagnoseAuthError(
      new AuthError('timed_out', CORRELATION, undefined, 'monitor_window_timeout'),
    );
    expect(timedOut.code).toBe('timed_out (monitor_window_timeout)');
    expect(timedOut.reference).toBe(
      `timed_out (monitor_window_timeout) · Correlation ID ${CORRELATION}`,
    );
  });

  it('reads the number and the correlation id from the message when MSAL gave no errorNo', () => {
    const diagnosis = diagnoseAuthError({
      errorCode: 'access_denied',
      errorMessage: description(90094, 'Admin consent is required.'),
    });
    expect(diagnosis.problem).toBe('admin-approval-needed');
    expect(diagnosis.correlationId).toBe(CORRELATION);
    expect(diagnosis.timestamp).toBe(TIMESTAMP);
  });

  it('names the exact permission and who may grant it when an administrator must', () => {
    const diagnosis = diagnoseAuthError(
      atRedirect('access_denied', 90094, 'Admin consent is required.'),
      { permission: 'User.ReadWrite.All', needsAdministrator: true },
    );
    expect(diagnosis.explanation).toContain('User.ReadWrite.All');
    expect(diagnosis.advice).toContain('User.ReadWrite.All');
    expect(diagnosis.advice).toContain('Global Administrator');
    expect(diagnosis.advice).not.toContain('User Administrator,');
  });

  it('reads the administrator-consent answer (error and error_description in the address)', () => {
    const refused = diagnoseAuthError({
      errorCode: 'consent_required',
      errorMessage: description(65004, 'User declined to consent to access the app.'),
    });
    expect(refused.problem).toBe('consent-refused');
    const notAdmin = diagnoseAuthError({
      errorCode: 'access_denied',
      errorMessage: description(90094, 'Admin consent is required.'),
    });
    expect(notAdmin.problem).toBe('admin-approval-needed');
  });

  it('remembers only real refusals: declined (65004) and approval needed (90094)', () => {
    const refusal = (error: AuthError) => isConsentRefusal(diagnoseAuthError(error));
    expect(refusal(atRedirect('access_denied', 65004, 'declined'))).toBe(true);
    expect(refusal(atRedirect('access_denied', 90094, 'approval'))).toBe(true);
    expect(refusal(atRedirect('access_denied', 53003, 'blocked'))).toBe(false);
    expect(refusal(atRedirect('access_denied', 50105, 'not assigned'))).toBe(false);
    expect(refusal(new BrowserAuthError('user_cancelled', CORRELATION))).toBe(false);
    expect(refusal(new AuthError('access_denied', CORRELATION))).toBe(false);
  });
});
