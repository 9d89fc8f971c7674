import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import { retryDelayMs, shouldRetryCreate } from '../../../graph/retry-policy';
import type { OwnerId, Position, PositionPatch } from '../types';
import { storePosition } from './cache';
import { positionsPath, scopesFor } from './positions-path';

export async function createPosition({ owner, body }: { owner: OwnerId; body: PositionPatch }): Promise<Position> {
  const { data } = await graph().request<Position>(positionsPath(owner), { method: 'POST', body, scopes: scopesFor(owner) });
  return data;
}

export function useCreatePosition(owner: OwnerId) {
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `positions:${owner}:create` },
    mutationFn: (body: PositionPatch) => createPosition({ owner, body }),
    retry: shouldRetryCreate,
    retryDelay: retryDelayMs,
    onSuccess: (created) => storePosition(queryClient, owner, created),
  });
}
