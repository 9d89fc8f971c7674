import { QueryClient } from '@tanstack/react-query';
import { retryDelayMs, shouldRetry, shouldRetryCreate } from '../graph/retry-policy';

/**
 * The first part of the key of every mutation that is not idempotent (a POST): those are
 * tried again only when it is known that the first attempt did not happen.
 */
export const CREATE_MUTATION_KEY = ['create'] as const;

/**
 * The page's one QueryClient, and the one place that says how calls are retried: reads,
 * PATCH and DELETE on transient failures (shouldRetry), creates only when known not to
 * have happened (shouldRetryCreate); Graph's Retry-After, or back-off, in between.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      // One person edits their own profile: what we fetched stays right until we change it.
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay: retryDelayMs,
      },
      mutations: { retry: shouldRetry, retryDelay: retryDelayMs },
    },
  });
  client.setMutationDefaults(CREATE_MUTATION_KEY, { retry: shouldRetryCreate });
  return client;
}
