import { InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';
import { forgetRefusal, markInteractionPending, refusedInteraction } from './consent-memory';
import { bridgeRedirectUri } from './msal';
import { SCOPES, type ScopeSet } from './scopes';

export interface TokenOptions {
  /** Skip the cached access token (after Graph said 401). */
  forceRefresh?: boolean;
}

export type GetToken = (scopeSet: ScopeSet, options?: TokenOptions) => Promise<string>;

/** Listeners told just before the page leaves for an interactive sign-in, to save what is unsaved. */
const beforeRedirectListeners = new Set<() => void>();
export function onBeforeInteractiveRedirect(listener: () => void): () => void {
  beforeRedirectListeners.add(listener);
  return () => beforeRedirectListeners.delete(listener);
}

/** Raised when no account is signed in: the app shows its sign-in screen. */
export class NotSignedInError extends Error {
  constructor() {
    super('You are not signed in.');
    this.name = 'NotSignedInError';
  }
}

/** The user (or their organization) refused these permissions last time: ask only when they choose to. */
export class ConsentRefusedError extends Error {
  constructor(
    readonly scopeSet: ScopeSet,
    readonly errorCode: string,
  ) {
    super(`Permission for ${SCOPES[scopeSet].join(', ')} was not granted (${errorCode}).`);
    this.name = 'ConsentRefusedError';
  }
}

let msalForRedirects: IPublicClientApplication | undefined;
let redirecting: Promise<never> | undefined;

/**
 * True while the page is leaving for the provider: what is unsaved is kept as a draft
 * already, so the page must not ask "Leave site?" on top.
 */
export const isLeavingToSignIn = (): boolean => redirecting !== undefined;

/** Leaves for the provider to grant `scopeSet` (or sign in again), coming back to this page. */
export function requestInteractively(scopeSet: ScopeSet): Promise<never> {
  const msal = msalForRedirects;
  if (!msal) return Promise.reject(new Error('Token source not set up'));
  redirecting ??= (async () => {
    beforeRedirectListeners.forEach((listener) => listener());
    forgetRefusal(scopeSet);
    markInteractionPending(scopeSet);
    const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
    await msal.acquireTokenRedirect({
      scopes: [...SCOPES[scopeSet]],
      account,
      redirectStartPage: window.location.href,
    });
    return new Promise<never>(() => {
      // The page is on its way to the provider: nothing here settles.
    });
  })().catch((error: unknown) => {
    // The redirect did not start (another interaction under way, a blocked navigation):
    // the next request may try again.
    redirecting = undefined;
    throw error;
  });
  return redirecting;
}

/**
 * The one place that gets access tokens: silently from MSAL's cache (or a silent renewal);
 * when consent or a new sign-in is needed, by redirect, coming back to the same page,
 * unless the user refused that very request last time.
 */
export function createTokenSource(msal: IPublicClientApplication): GetToken {
  msalForRedirects = msal;
  return async function getToken(scopeSet, options = {}) {
    const account = msal.getActiveAccount() ?? msal.getAllAccounts().at(0);
    if (!account) throw new NotSignedInError();
    try {
      const result = await msal.acquireTokenSilent({
        scopes: [...SCOPES[scopeSet]],
        account,
        forceRefresh: options.forceRefresh,
        redirectUri: bridgeRedirectUri(),
      });
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      const refused = refusedInteraction(scopeSet);
      if (refused) throw new ConsentRefusedError(scopeSet, refused);
      return requestInteractively(scopeSet);
    }
  };
}
