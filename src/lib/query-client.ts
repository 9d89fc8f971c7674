import { QueryClient } from '@tanstack/react-query';
import { retryDelayMs, shouldRetry } from '../graph/retry-policy';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // One person edits their own profile: what we fetched stays right until we change it.
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay: retryDelayMs,
      },
    },
  });
}
