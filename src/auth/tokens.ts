import {
  InteractionRequiredAuthError,
  type IPublicClientApplication,
} from '@azure/msal-browser';
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
  }
}

/**
 * The one place that gets access tokens: silently from MSAL's cache (or a silent renewal);
 * if consent or a new sign-in is needed, by redirect, coming back to the same page.
 */
export function createTokenSource(msal: IPublicClientApplication): GetToken {
  let redirecting: Promise<never> | undefined;

  return async function getToken(scopeSet, options = {}) {
    const account = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
    if (!account) throw new NotSignedInError();
    const scopes = [...SCOPES[scopeSet]];
    try {
      const result = await msal.acquireTokenSilent({ scopes, account, forceRefresh: options.forceRefresh, redirectUri: bridgeRedirectUri() });
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      // One redirect for however many requests needed it; the page is leaving anyway.
      redirecting ??= (async () => {
        beforeRedirectListeners.forEach((listener) => listener());
        await msal.acquireTokenRedirect({ scopes, account, redirectStartPage: window.location.href });
        return new Promise<never>(() => {});
      })();
      return redirecting;
    }
  };
}
