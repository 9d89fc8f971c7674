import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import type { OwnerId, Position, PositionPatch } from '../types';
import { readAnswer } from '../../../graph/graph-answer';
import { storePosition } from './cache';
import { positionSchema } from './position-schema';
import { positionPath, positionScope, scopesFor } from './positions-path';

export async function updatePosition({
  owner,
  id,
  patch,
  etag,
}: {
  owner: OwnerId;
  id: string;
  patch: PositionPatch;
  etag?: string;
}): Promise<Position> {
  const { data } = await graph().request(positionPath(owner, id), {
    method: 'PATCH',
    body: patch,
    scopes: scopesFor(owner),
    headers: etag ? { 'If-Match': etag } : undefined,
  });
  return readAnswer(positionSchema, data, 'saving a position');
}

/**
 * Saves a patch of one position with the etag of the version it was made from. Saves of
 * the same position run one after another (mutation scope), retried as the query client
 * says, and wait while the browser is offline; Graph's answer is written into the cache
 * as it is, with no refetch. `id` may be unknown yet (a form for a new position), but a
 * save needs it.
 */
export function useUpdatePosition(owner: OwnerId, id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: id === undefined ? undefined : positionScope(owner, id),
    mutationFn: ({ patch, etag }: { patch: PositionPatch; etag?: string }) => {
      if (id === undefined) throw new Error('A position is saved once it has been added.');
      return updatePosition({ owner, id, patch, etag });
    },
    onSuccess: (updated) => storePosition(queryClient, owner, updated),
  });
}
