import type { AuthErrorFields } from './auth-error-diagnosis';
import { isScopeSet, type ScopeSet } from './scopes';

/**
 * What the tab remembers across a trip to the provider, in session storage (no tokens:
 * scope-set names, account ids and the refusal's error fields): which interactive request
 * is under way, so the page that comes back knows what was asked and for whom; and which
 * permissions each account refused (AADSTS65004, AADSTS90094), so a refusal is explained
 * instead of asked again in a loop. Refusals are per account, and forgotten at sign-in
 * and sign-out: one person's refusal never reaches the next person in the same tab.
 */
const PENDING = 'profile-editor.pendingInteraction';
const REFUSED = 'profile-editor.refused.';

export interface PendingInteraction {
  /** A sign-in from the signed-out page, or a token request of a signed-in account. */
  kind: 'sign-in' | 'token';
  scopeSet: ScopeSet;
  /** The account the request was made for (MSAL's homeAccountId). */
  accountId?: string;
}

export function markInteractionPending(pending: PendingInteraction): void {
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
}

/** The interaction that was under way when the page left (once: it is forgotten as it is read). */
export function takePendingInteraction(): PendingInteraction | undefined {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<PendingInteraction> | null;
    if ((parsed?.kind === 'sign-in' || parsed?.kind === 'token') && isScopeSet(parsed.scopeSet))
      return {
        kind: parsed.kind,
        scopeSet: parsed.scopeSet,
        accountId: typeof parsed.accountId === 'string' ? parsed.accountId : undefined,
      };
  } catch {
    // Written by another version of the app: nothing to go on.
  }
  return undefined;
}

const refusalKey = (accountId: string, scopeSet: ScopeSet) => `${REFUSED}${accountId}.${scopeSet}`;

export function rememberRefusal(
  accountId: string,
  scopeSet: ScopeSet,
  refusal: AuthErrorFields,
): void {
  const { errorCode, errorMessage, subError, errorNo, correlationId, timestamp } = refusal;
  sessionStorage.setItem(
    refusalKey(accountId, scopeSet),
    JSON.stringify({ errorCode, errorMessage, subError, errorNo, correlationId, timestamp }),
  );
}

/** The refusal `accountId` gave for `scopeSet` in this tab, if any. */
export function refusalOf(accountId: string, scopeSet: ScopeSet): AuthErrorFields | undefined {
  const raw = sessionStorage.getItem(refusalKey(accountId, scopeSet));
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function forgetRefusal(accountId: string, scopeSet: ScopeSet): void {
  sessionStorage.removeItem(refusalKey(accountId, scopeSet));
}

/** At sign-in and sign-out: every account's refusals go. */
export function forgetAllRefusals(): void {
  for (let index = sessionStorage.length - 1; index >= 0; index--) {
    const key = sessionStorage.key(index);
    if (key?.startsWith(REFUSED)) sessionStorage.removeItem(key);
  }
}
