import { GraphError, NETWORK_ERROR } from './graph-error';

/** How many times one call is tried in all, the first included. */
export const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Failures worth another try: the network, throttling, and a service that is briefly down. */
export function isTransient(error: unknown): error is GraphError {
  return error instanceof GraphError && (error.code === NETWORK_ERROR || [429, 502, 503, 504].includes(error.status));
}

/** For React Query's `retry`: `failureCount` is how many attempts have failed so far. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isTransient(error) && failureCount < MAX_ATTEMPTS;
}

/**
 * Graph's Retry-After when the response exposes it (capped); otherwise exponential
 * back-off with full jitter, so many clients do not come back at the same moment.
 */
export function retryDelayMs(failureCount: number, error: unknown, random: () => number = Math.random): number {
  if (error instanceof GraphError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, MAX_DELAY_MS);
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failureCount - 1));
  return Math.round(random() * ceiling);
}

/**
 * A create (POST) is not idempotent: it is tried again by itself only when Graph refused
 * it outright (429: throttled before any work). Other failures leave it unknown whether
 * the position was made, and are reconciled by the caller, never blindly repeated.
 */
export function shouldRetryCreate(failureCount: number, error: unknown): boolean {
  return error instanceof GraphError && error.status === 429 && failureCount < MAX_ATTEMPTS;
}
