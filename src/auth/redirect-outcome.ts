import { useSyncExternalStore } from 'react';
import type { AuthError } from '@azure/msal-browser';
import type { PendingInteraction } from './consent-memory';

/**
 * How the last trip to the provider ended, for this page load: the error it came back with
 * (if any) and what had been asked. The signed-out page explains it; while it stands, the
 * token source does not send the user back on its own (no loop), it asks them to choose.
 */
export interface RedirectFailure {
  error: AuthError;
  pending?: PendingInteraction;
}

let failure: RedirectFailure | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export function setRedirectFailure(value: RedirectFailure): void {
  failure = value;
  notify();
}

export function redirectFailure(): RedirectFailure | null {
  return failure;
}

/** The user chose to try again (or signed in): the failure is no longer the news. */
export function clearRedirectFailure(): void {
  if (!failure) return;
  failure = null;
  notify();
}

export function subscribeRedirectFailure(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last trip to the provider's failure, for the page to explain (null when there is none). */
export function useRedirectFailure(): RedirectFailure | null {
  return useSyncExternalStore(subscribeRedirectFailure, redirectFailure);
}
