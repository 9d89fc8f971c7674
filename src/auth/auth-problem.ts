import { AuthError } from '@azure/msal-browser';
import {
  diagnoseAuthError,
  type AuthDiagnosis,
  type AuthErrorFields,
} from './auth-error-diagnosis';
import { NEEDS_ADMINISTRATOR, permissionOf, type ScopeSet } from './scopes';
import {
  ConsentNeededError,
  ConsentRefusedError,
  NotSignedInError,
  SignInAgainError,
} from './tokens';

/** A sign-in or token problem, diagnosed, and the permission it was about. */
export interface AuthProblemInfo {
  diagnosis: AuthDiagnosis;
  scopeSet: ScopeSet;
  /**
   * Signing in again is the way on: the problem says so, or the user must sign in again
   * and the diagnosis is why the last attempt failed (SignInAgainError).
   */
  signInAgain: boolean;
}

const diagnose = (error: AuthErrorFields, scopeSet: ScopeSet) =>
  diagnoseAuthError(error, {
    permission: permissionOf(scopeSet),
    needsAdministrator: NEEDS_ADMINISTRATOR[scopeSet],
  });

/**
 * What a failed token request (from the token source, or MSAL itself) means for the page,
 * or undefined when `error` is no sign-in problem (a Graph error, say).
 */
export function authProblemOf(
  error: unknown,
  scopeSet: ScopeSet = 'self',
): AuthProblemInfo | undefined {
  const info = (diagnosis: AuthDiagnosis, on: ScopeSet, signInAgain = false) => ({
    diagnosis,
    scopeSet: on,
    signInAgain: signInAgain || diagnosis.wayOut === 'sign-in-again',
  });
  if (error instanceof SignInAgainError)
    return info(diagnose(error.cause, error.scopeSet), error.scopeSet, true);
  if (error instanceof ConsentNeededError)
    return info(diagnose(error.cause, error.scopeSet), error.scopeSet);
  if (error instanceof ConsentRefusedError)
    return info(diagnose(error.refusal, error.scopeSet), error.scopeSet);
  if (error instanceof NotSignedInError)
    return info(diagnoseAuthError({ errorCode: 'no_account_error' }), scopeSet);
  if (error instanceof AuthError) return info(diagnose(error, scopeSet), scopeSet);
  return undefined;
}
