import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { OwnerId, Position } from '../types';
import { storePosition } from './cache';
import { positionQueries } from './position-queries';

export const usePositions = (owner: OwnerId) => useQuery(positionQueries.list(owner));

/** One position, seeded from the list when it is already loaded, so opening it costs no request. */
export function usePosition(owner: OwnerId, id: string) {
  const queryClient = useQueryClient();
  const listQuery = positionQueries.list(owner);
  return useQuery({
    ...positionQueries.detail(owner, id),
    initialData: () =>
      queryClient.getQueryData(listQuery.queryKey)?.find((position) => position.id === id),
    initialDataUpdatedAt: () => queryClient.getQueryState(listQuery.queryKey)?.dataUpdatedAt,
    // Back in the tab after a while: the current version (an untouched form takes it).
    refetchOnWindowFocus: true,
  });
}

/**
 * Reads a position as the server holds it now (after a 412) into its detail and the list,
 * retried like any read. A new request, never one already under way: that one may have
 * been answered before the change that made this read necessary.
 */
export function useReloadPosition(owner: OwnerId): (id: string) => Promise<Position> {
  const queryClient = useQueryClient();
  return useCallback(
    async (id: string) => {
      const detail = positionQueries.detail(owner, id);
      await queryClient.cancelQueries({ queryKey: detail.queryKey, exact: true });
      const position = await queryClient.query({ ...detail, staleTime: 0 });
      storePosition(queryClient, owner, position);
      return position;
    },
    [queryClient, owner],
  );
}
