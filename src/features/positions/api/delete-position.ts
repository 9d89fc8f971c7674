import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import { GraphError } from '../../../graph/graph-error';
import { retryDelayMs, shouldRetry } from '../../../graph/retry-policy';
import type { OwnerId } from '../types';
import { forgetPosition, knownEtag, storePosition } from './cache';
import { positionQueries } from './position-queries';
import { positionPath, scopesFor } from './positions-path';

export async function deletePosition({
  owner,
  id,
  etag,
}: {
  owner: OwnerId;
  id: string;
  etag?: string;
}): Promise<void> {
  try {
    await graph().request<unknown>(positionPath(owner, id), {
      method: 'DELETE',
      scopes: scopesFor(owner),
      headers: etag ? { 'If-Match': etag } : undefined,
    });
  } catch (error) {
    // Already gone (an earlier attempt went through, or someone else deleted it): the goal is met.
    if (error instanceof GraphError && error.status === 404) return;
    throw error;
  }
}

export function useDeletePosition(owner: OwnerId) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      deletePosition({ owner, id, etag: knownEtag(queryClient, owner, id) }),
    retry: shouldRetry,
    retryDelay: retryDelayMs,
    onSuccess: (_result, id) => forgetPosition(queryClient, owner, id),
    // Changed by someone since it was read: show the current version, so the next try uses its etag.
    onError: async (error, id) => {
      if (!(error instanceof GraphError && error.status === 412)) return;
      const current = await queryClient
        .query({ ...positionQueries.detail(owner, id), staleTime: 0 })
        .catch(() => undefined);
      if (current) storePosition(queryClient, owner, current);
    },
  });
}
