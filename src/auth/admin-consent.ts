import { useSyncExternalStore } from 'react';
import type { AuthErrorFields } from './auth-error-diagnosis';
import { redirectUri } from './msal';
import { SCOPES, type ScopeSet } from './scopes';

/**
 * Entra's administrator-consent endpoint, `{tenant}/v2.0/adminconsent`: an administrator who
 * may grant consent (Global Administrator, Privileged Role Administrator, Cloud Application
 * Administrator, Application Administrator) grants permissions to the whole organisation,
 * and the browser comes back to the app's redirect URI with `admin_consent=True` (and
 * `error`, `error_description` when it was not granted) and the `state` the app sent.
 */
const PENDING = 'profile-editor.adminConsent';

interface Endpoints {
  authority: string;
  clientId: string;
  graphBaseUrl: string;
}

let endpoints: Endpoints | undefined;

/** Set once at start-up from the app's configuration. */
export function configureAdminConsent(config: Endpoints): void {
  endpoints = config;
}

export type AdminConsentAnswer =
  | { granted: true; scopeSet: ScopeSet }
  | { granted: false; scopeSet: ScopeSet; error: AuthErrorFields };

/**
 * The address that asks an administrator to grant `scopeSet` for the organisation, coming
 * back to `returnTo` (a path of the app). Entra's v2 endpoint is under the tenant's
 * authority; the local provider's authority ends in `/v2.0` already.
 */
export function adminConsentUrl(scopeSet: ScopeSet, returnTo: string): string {
  if (!endpoints) throw new Error('Administrator consent is used before start-up configured it.');
  const state = crypto.randomUUID();
  sessionStorage.setItem(PENDING, JSON.stringify({ state, scopeSet, returnTo }));
  const base = endpoints.authority.replace(/\/+$/, '');
  const endpoint = base.endsWith('/v2.0') ? `${base}/adminconsent` : `${base}/v2.0/adminconsent`;
  // Graph's permissions named with Graph's resource, as the endpoint takes them: the
  // national clouds' Graph has an origin of its own.
  const graph = new URL(endpoints.graphBaseUrl).origin;
  const params = new URLSearchParams({
    client_id: endpoints.clientId,
    scope: SCOPES[scopeSet].map((scope) => `${graph}/${scope}`).join(' '),
    redirect_uri: redirectUri(),
    state,
  });
  return `${endpoint}?${params.toString()}`;
}

let answer: AdminConsentAnswer | null = null;
const listeners = new Set<() => void>();

/**
 * At start-up, before MSAL reads the address: the administrator-consent answer, if this
 * page load is one. It is taken out of the address (back to the page that asked) and kept
 * for that page to show; MSAL never sees it.
 */
export function takeAdminConsentAnswer(): void {
  const url = new URL(window.location.href);
  const raw = sessionStorage.getItem(PENDING);
  if (!raw || !url.searchParams.has('state')) return;
  let pending: { state?: unknown; scopeSet?: unknown; returnTo?: unknown };
  try {
    pending = JSON.parse(raw) as typeof pending;
  } catch {
    sessionStorage.removeItem(PENDING);
    return;
  }
  if (url.searchParams.get('state') !== pending.state) return;
  sessionStorage.removeItem(PENDING);
  const scopeSet: ScopeSet = pending.scopeSet === 'self' ? 'self' : 'others';
  const error = url.searchParams.get('error');
  if (error)
    answer = {
      granted: false,
      scopeSet,
      error: { errorCode: error, errorMessage: url.searchParams.get('error_description') ?? '' },
    };
  else if (url.searchParams.get('admin_consent') === 'True') answer = { granted: true, scopeSet };
  else
    answer = {
      granted: false,
      scopeSet,
      error: { errorCode: 'unknown', errorMessage: 'The answer said neither granted nor why not.' },
    };
  const returnTo =
    typeof pending.returnTo === 'string' && pending.returnTo.startsWith('/')
      ? pending.returnTo
      : '/';
  window.history.replaceState(null, '', returnTo);
}

/** The administrator-consent answer this page load brought (null when none, or dismissed). */
export const adminConsentAnswer = (): AdminConsentAnswer | null => answer;

/** The administrator-consent answer this page load brought, until the page dismisses it. */
export function useAdminConsentAnswer(): [AdminConsentAnswer | null, () => void] {
  const current = useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, adminConsentAnswer);
  return [
    current,
    () => {
      answer = null;
      listeners.forEach((listener) => listener());
    },
  ];
}
