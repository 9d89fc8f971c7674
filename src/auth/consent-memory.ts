import type { ScopeSet } from './scopes';

/**
 * Which interactive request is under way, and which were refused, kept in session storage
 * (no tokens, only scope-set names and error codes) so the page that comes back from the
 * provider knows what happened, and a refused consent does not send the user round again.
 */
const PENDING = 'profile-editor.pendingInteraction';
const REFUSED = 'profile-editor.refused.';

export function markInteractionPending(scopeSet: ScopeSet): void {
  sessionStorage.setItem(PENDING, scopeSet);
}

/** After a redirect came back: remember a refusal, or forget an earlier one on success. */
export function settleInteraction(outcome: { ok: true } | { ok: false; errorCode: string }): void {
  const pending = sessionStorage.getItem(PENDING) as ScopeSet | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) return;
  if (outcome.ok) sessionStorage.removeItem(REFUSED + pending);
  else sessionStorage.setItem(REFUSED + pending, outcome.errorCode || 'access_denied');
}

export function refusedInteraction(scopeSet: ScopeSet): string | null {
  return sessionStorage.getItem(REFUSED + scopeSet);
}

export function forgetRefusal(scopeSet: ScopeSet): void {
  sessionStorage.removeItem(REFUSED + scopeSet);
}
