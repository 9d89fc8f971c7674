import type { QueryClient } from '@tanstack/react-query';
import type { OwnerId, Position } from '../types';
import { positionQueries } from './position-queries';

/** Writes a position Graph returned into the owner's list and detail, without refetching. */
export function storePosition(queryClient: QueryClient, owner: OwnerId, position: Position): void {
  queryClient.setQueryData(positionQueries.list(owner).queryKey, (list) => {
    if (!list) return list;
    return list.some((item) => item.id === position.id)
      ? list.map((item) => (item.id === position.id ? position : item))
      : [...list, position];
  });
  queryClient.setQueryData(positionQueries.detail(owner, position.id).queryKey, position);
}

export function forgetPosition(queryClient: QueryClient, owner: OwnerId, id: string): void {
  queryClient.setQueryData(positionQueries.list(owner).queryKey, (list) =>
    list?.filter((item) => item.id !== id),
  );
  queryClient.removeQueries({ queryKey: positionQueries.detail(owner, id).queryKey, exact: true });
}

/** The etag we last saw for a position: a save sends it, so an unseen change is not overwritten. */
export function knownEtag(
  queryClient: QueryClient,
  owner: OwnerId,
  id: string,
): string | undefined {
  return (
    queryClient.getQueryData(positionQueries.detail(owner, id).queryKey)?.['@odata.etag'] ??
    queryClient
      .getQueryData(positionQueries.list(owner).queryKey)
      ?.find((item) => item.id === id)?.['@odata.etag']
  );
}
