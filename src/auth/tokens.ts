import { AuthError, type AccountInfo, type IPublicClientApplication } from '@azure/msal-browser';
import { diagnoseAuthError, type AuthErrorFields } from './auth-error-diagnosis';
import { forgetRefusal, markInteractionPending, refusalOf } from './consent-memory';
import { bridgeRedirectUri } from './msal';
import { clearRedirectFailure, redirectFailure } from './redirect-outcome';
import {
  ASKED_WHEN_CHOSEN,
  NEEDS_ADMINISTRATOR,
  permissionOf,
  SCOPES,
  type ScopeSet,
} from './scopes';

export interface TokenOptions {
  /** Skip the cached access token (after Graph said 401). */
  forceRefresh?: boolean;
  /** The claims Graph asked for in a claims challenge (JSON, decoded), for a new token. */
  claims?: string;
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

/**
 * Nobody has granted the permission: one that only an administrator may grant (the app
 * explains who can, instead of sending the user to a consent page they cannot pass), or
 * one asked for only when the user chooses (ASKED_WHEN_CHOSEN: the page asks, with
 * askForPermission, on the user's choice; nobody is sent to a consent page while typing).
 */
export class ConsentNeededError extends Error {
  constructor(
    readonly scopeSet: ScopeSet,
    readonly cause: AuthError,
  ) {
    super(`Profile Editor has not been granted ${permissionOf(scopeSet)}.`);
    this.name = 'ConsentNeededError';
  }
}

/** This account refused these permissions in this tab (AADSTS65004 or 90094): ask only when they choose to. */
export class ConsentRefusedError extends Error {
  constructor(
    readonly scopeSet: ScopeSet,
    readonly refusal: AuthErrorFields,
  ) {
    super(`Permission for ${permissionOf(scopeSet)} was not granted (${refusal.errorCode ?? ''}).`);
    this.name = 'ConsentRefusedError';
  }
}

/**
 * The user must sign in again, but the last trip to the provider failed in this page load:
 * the app shows why (the `cause`) and lets the user choose to go again, instead of a loop.
 */
export class SignInAgainError extends Error {
  constructor(
    readonly scopeSet: ScopeSet,
    readonly cause: AuthError,
  ) {
    super('You need to sign in again.');
    this.name = 'SignInAgainError';
  }
}

let msalForRedirects: IPublicClientApplication | undefined;
/** Which account got a token for which scope set in this page load ("account scopeSet"). */
const tokensGiven = new Set<string>();

/** Whether the signed-in account got a token for `scopeSet` in this page load (no request). */
export function hasGivenToken(scopeSet: ScopeSet): boolean {
  const account = msalForRedirects && activeAccount(msalForRedirects);
  return account !== undefined && tokensGiven.has(`${account.homeAccountId} ${scopeSet}`);
}
let redirecting: Promise<never> | undefined;

/**
 * True while the page is leaving for the provider: what is unsaved is kept as a draft
 * already, so the page must not ask "Leave site?" on top.
 */
export const isLeavingToSignIn = (): boolean => redirecting !== undefined;

const activeAccount = (msal: IPublicClientApplication): AccountInfo | undefined =>
  msal.getActiveAccount() ?? msal.getAllAccounts().at(0);

/**
 * Leaves for the provider to sign in again, coming back to this page; what is unsaved is
 * kept as a draft first. It asks for the user's own profile, whatever `scopeSet` the page
 * needed: other people's permission is granted by an administrator (and then reaches the
 * new sign-in without a prompt), never asked of the user on the way. A permission asked
 * when chosen (the directory's basic profiles) is asked for itself: the user chose to.
 */
export function requestInteractively(
  scopeSet: ScopeSet,
  { claims }: { claims?: string } = {},
): Promise<never> {
  const msal = msalForRedirects;
  if (!msal) return Promise.reject(new Error('Token source not set up'));
  redirecting ??= (async () => {
    beforeRedirectListeners.forEach((listener) => listener());
    const account = activeAccount(msal);
    const asked: ScopeSet = ASKED_WHEN_CHOSEN.includes(scopeSet) ? scopeSet : 'self';
    // Going again on purpose: the user's own refusal of what is asked is asked again.
    if (account && asked === scopeSet) forgetRefusal(account.homeAccountId, asked);
    clearRedirectFailure();
    markInteractionPending({ kind: 'token', scopeSet: asked, accountId: account?.homeAccountId });
    await msal.acquireTokenRedirect({
      scopes: [...SCOPES[asked]],
      account,
      claims,
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

/** The MSAL client the token source was set up with, and its active account. */
export function tokenSourceClient(): { msal: IPublicClientApplication; account?: AccountInfo } {
  const msal = msalForRedirects;
  if (!msal) throw new Error('Token source not set up');
  return { msal, account: activeAccount(msal) };
}

/**
 * The one place that gets access tokens: silently from MSAL's cache (or a silent renewal,
 * with the claims Graph asked for when it asked). When that fails, the error decides
 * (auth-error-diagnosis.ts): "sign in again" (no session, MFA, a renewal that timed out, no
 * tokens) leaves for the provider and comes back to the same page, once; a permission
 * only an administrator grants is explained, never asked for in a loop; a refusal this
 * account gave in this tab is remembered; anything else (blocked, not assigned, network)
 * is thrown as it is, for the page to explain.
 */
export function createTokenSource(msal: IPublicClientApplication): GetToken {
  msalForRedirects = msal;
  return async function getToken(scopeSet, options = {}) {
    const account = activeAccount(msal);
    if (!account) throw new NotSignedInError();
    try {
      const result = await msal.acquireTokenSilent({
        scopes: [...SCOPES[scopeSet]],
        account,
        forceRefresh: options.forceRefresh,
        claims: options.claims,
        redirectUri: bridgeRedirectUri(),
      });
      tokensGiven.add(`${account.homeAccountId} ${scopeSet}`);
      return result.accessToken;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const diagnosis = diagnoseAuthError(error, {
        permission: permissionOf(scopeSet),
        needsAdministrator: NEEDS_ADMINISTRATOR[scopeSet],
      });
      const interactionNeeded =
        diagnosis.wayOut === 'sign-in-again' || diagnosis.problem === 'consent-required';
      if (!interactionNeeded) throw error;
      if (diagnosis.problem === 'consent-required' && NEEDS_ADMINISTRATOR[scopeSet])
        throw new ConsentNeededError(scopeSet, error);
      if (ASKED_WHEN_CHOSEN.includes(scopeSet)) {
        // Asked for only when the user chooses (the trip may need a sign-in too); refused
        // in this tab, the refusal is explained instead.
        const refusal = refusalOf(account.homeAccountId, scopeSet);
        if (refusal) throw new ConsentRefusedError(scopeSet, refusal);
        throw new ConsentNeededError(scopeSet, error);
      }
      // Signing in again asks for the user's own profile: their refusal of it stands in the way.
      const refused = refusalOf(account.homeAccountId, 'self');
      if (refused) throw new ConsentRefusedError('self', refused);
      const failure = redirectFailure();
      if (failure) throw new SignInAgainError(scopeSet, failure.error);
      return requestInteractively(scopeSet, { claims: options.claims });
    }
  };
}
