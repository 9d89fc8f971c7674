import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import { GraphError } from '../../../graph/graph-error';
import type { OwnerId } from '../types';
import { forgetPosition, knownEtag, storePosition } from './cache';
import { positionQueries } from './position-queries';
import { positionPath, positionScope, scopesFor } from './positions-path';

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
    await graph().request(positionPath(owner, id), {
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

/**
 * Deletes one position. It shares the position's mutation scope with its saves, so a
 * delete waits for a save still under way (and takes the etag that save brought back).
 */
export function useDeletePosition(owner: OwnerId, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: positionScope(owner, id),
    mutationFn: () => deletePosition({ owner, id, etag: knownEtag(queryClient, owner, id) }),
    onSuccess: () => forgetPosition(queryClient, owner, id),
    // Changed by someone since it was read: show the current version, so the next try uses its etag.
    onError: async (error) => {
      if (!(error instanceof GraphError && error.status === 412)) return;
      const current = await queryClient
        .query({ ...positionQueries.detail(owner, id), staleTime: 0 })
        .catch(() => undefined);
      if (current) storePosition(queryClient, owner, current);
    },
  });
}
