import { GraphError, NETWORK_ERROR } from './graph-error';

/** How many times one call is tried in all, the first included. */
export const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/** Failures worth another try: the network, throttling, and a service that is briefly down. */
export function isTransient(error: unknown): error is GraphError {
  return (
    error instanceof GraphError &&
    (error.code === NETWORK_ERROR || [429, 502, 503, 504].includes(error.status))
  );
}

/**
 * For React Query's `retry`. React Query passes the number of failures *before* this one
 * (0 on the first), so attempts made so far are `failureCount + 1`.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isTransient(error) && failureCount + 1 < MAX_ATTEMPTS;
}

/**
 * Graph's Retry-After when the response exposes it (capped); otherwise exponential
 * back-off with full jitter, so many clients do not come back at the same moment.
 * `failureCount` as React Query passes it: 0 before the first retry.
 */
export function retryDelayMs(
  failureCount: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  if (error instanceof GraphError && error.retryAfterMs !== undefined)
    return Math.min(error.retryAfterMs, MAX_DELAY_MS);
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failureCount));
  return Math.round(random() * ceiling);
}

/**
 * A create (POST) is not idempotent: it is tried again only when it is known not to have
 * happened: Graph refused it outright (429, throttled before any work), or the caller
 * checked after an unanswered attempt and marked the error `confirmedNotCreated`.
 * Anything else is never repeated blindly.
 */
export function shouldRetryCreate(failureCount: number, error: unknown): boolean {
  if (!(error instanceof GraphError) || failureCount + 1 >= MAX_ATTEMPTS) return false;
  return (
    error.status === 429 ||
    (error as { confirmedNotCreated?: boolean }).confirmedNotCreated === true
  );
}
