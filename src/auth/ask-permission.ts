import { AuthError } from '@azure/msal-browser';
import { diagnoseAuthError, isConsentRefusal } from './auth-error-diagnosis';
import { forgetRefusal, rememberRefusal } from './consent-memory';
import { bridgeRedirectUri } from './msal';
import { NEEDS_ADMINISTRATOR, permissionOf, SCOPES, type ScopeSet } from './scopes';
import {
  ConsentRefusedError,
  NotSignedInError,
  requestInteractively,
  tokenSourceClient,
} from './tokens';

/**
 * Asks the user, in a popup (the page and what is typed in it stay), for a permission
 * they may grant themselves (ASKED_WHEN_CHOSEN), on their choice. A refusal is remembered
 * for the account in this tab and thrown as ConsentRefusedError; closing the popup
 * changes nothing. A browser that blocks the popup goes by redirect instead, the draft kept.
 */
export async function askForPermission(scopeSet: ScopeSet): Promise<void> {
  const { msal, account } = tokenSourceClient();
  if (!account) throw new NotSignedInError();
  forgetRefusal(account.homeAccountId, scopeSet);
  try {
    await msal.acquireTokenPopup({
      scopes: [...SCOPES[scopeSet]],
      account,
      redirectUri: bridgeRedirectUri(),
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if (error.errorCode === 'popup_window_error' || error.errorCode === 'empty_window_error')
      return requestInteractively(scopeSet);
    const diagnosis = diagnoseAuthError(error, {
      permission: permissionOf(scopeSet),
      needsAdministrator: NEEDS_ADMINISTRATOR[scopeSet],
    });
    if (isConsentRefusal(diagnosis)) {
      rememberRefusal(account.homeAccountId, scopeSet, error);
      throw new ConsentRefusedError(scopeSet, error);
    }
    throw error;
  }
}
