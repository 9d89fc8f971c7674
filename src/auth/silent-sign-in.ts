import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { useSyncExternalStore } from 'react';
import { bridgeRedirectUri } from './msal';
import { redirectFailure } from './redirect-outcome';
import { SCOPES } from './scopes';
import { forgetSignedIn, signedInBefore } from './signed-in-hint';

/**
 * The sign-in page waits at most this long for a silent sign-in before it shows; a silent
 * sign-in that succeeds later still signs the user in. The provider answers "no session"
 * (`login_required`, AADSTS50058) in one round trip, well inside it.
 */
const WAIT_BEFORE_SIGN_IN_PAGE_MS = 1500;

let trying = false;
const listeners = new Set<() => void>();
const setTrying = (value: boolean) => {
  trying = value;
  listeners.forEach((listener) => listener());
};

/**
 * A new tab signs in without a click when the provider still has a session (MSAL's
 * `ssoSilent`, in a hidden frame on the redirect bridge). Tried only when someone signed
 * in to this browser before and did not sign out: a first visit is not kept waiting.
 */
export async function startSilentSignIn(msal: IPublicClientApplication): Promise<void> {
  // Not after a sign-in that just failed: its reason is what the sign-in page shows.
  if (msal.getAllAccounts().length > 0 || !signedInBefore() || redirectFailure()) return;
  setTrying(true);
  const stopWaiting = setTimeout(() => setTrying(false), WAIT_BEFORE_SIGN_IN_PAGE_MS);
  try {
    const result = await msal.ssoSilent({
      scopes: [...SCOPES.self],
      redirectUri: bridgeRedirectUri(),
    });
    msal.setActiveAccount(result.account);
  } catch (error) {
    // No session at the provider (or it needs the user): the sign-in page, and no more
    // silent attempts until the next sign-in. Anything else (offline, a slow provider)
    // keeps the hint for the next tab.
    if (error instanceof InteractionRequiredAuthError) forgetSignedIn();
  } finally {
    clearTimeout(stopWaiting);
    setTrying(false);
  }
}

/** True while the signed-out page should still wait for a silent sign-in. */
export function useSilentSignInPending(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => trying,
  );
}
