import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OwnerId } from '../types';
import { positionQueries } from './position-queries';

export const usePositions = (owner: OwnerId) => useQuery(positionQueries.list(owner));

/** One position, seeded from the list when it is already loaded, so opening it costs no request. */
export function usePosition(owner: OwnerId, id: string) {
  const queryClient = useQueryClient();
  const listQuery = positionQueries.list(owner);
  return useQuery({
    ...positionQueries.detail(owner, id),
    initialData: () => queryClient.getQueryData(listQuery.queryKey)?.find((position) => position.id === id),
    initialDataUpdatedAt: () => queryClient.getQueryState(listQuery.queryKey)?.dataUpdatedAt,
  });
}
