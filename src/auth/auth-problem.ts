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
  if (error instanceof SignInAgainError || error instanceof ConsentNeededError)
    return { diagnosis: diagnose(error.cause, error.scopeSet), scopeSet: error.scopeSet };
  if (error instanceof ConsentRefusedError)
    return { diagnosis: diagnose(error.refusal, error.scopeSet), scopeSet: error.scopeSet };
  if (error instanceof NotSignedInError)
    return {
      diagnosis: diagnoseAuthError({ errorCode: 'no_account_error' }),
      scopeSet,
    };
  if (error instanceof AuthError) return { diagnosis: diagnose(error, scopeSet), scopeSet };
  return undefined;
}
