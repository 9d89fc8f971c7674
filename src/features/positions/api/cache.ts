import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { OwnerId, Position } from '../types';
import { positionQueries } from './position-queries';

/**
 * Stops a read of `queryKey` still under way: it may have been answered before the version
 * about to be stored existed, and must not replace it. The cancel gives the query back
 * the data it had, synchronously, before the caller stores the new version. True when a
 * read was stopped.
 */
function dropReadInFlight(queryClient: QueryClient, queryKey: QueryKey): boolean {
  if (queryClient.getQueryState(queryKey)?.fetchStatus !== 'fetching') return false;
  void queryClient.cancelQueries({ queryKey, exact: true });
  return true;
}

/**
 * Writes a position Graph returned into the owner's list and detail, without refetching.
 * Reads still under way are dropped first: an answer that arrives after a save never
 * replaces the saved version. (A list still loading for the first time has nothing to
 * update: it is read again, after the write.)
 */
export function storePosition(queryClient: QueryClient, owner: OwnerId, position: Position): void {
  const listKey = positionQueries.list(owner).queryKey;
  const detailKey = positionQueries.detail(owner, position.id).queryKey;
  const listDropped = dropReadInFlight(queryClient, listKey);
  dropReadInFlight(queryClient, detailKey);
  queryClient.setQueryData(listKey, (list) => {
    if (!list) return list;
    return list.some((item) => item.id === position.id)
      ? list.map((item) => (item.id === position.id ? position : item))
      : [...list, position];
  });
  queryClient.setQueryData(detailKey, position);
  if (listDropped && queryClient.getQueryData(listKey) === undefined)
    void queryClient.refetchQueries({ queryKey: listKey, exact: true, type: 'active' });
}

export function forgetPosition(queryClient: QueryClient, owner: OwnerId, id: string): void {
  queryClient.setQueryData(positionQueries.list(owner).queryKey, (list) =>
    list?.filter((item) => item.id !== id),
  );
  queryClient.removeQueries({ queryKey: positionQueries.detail(owner, id).queryKey, exact: true });
}

/** The last version of a position this page has seen (its own read, or the list's). */
export function cachedPosition(
  queryClient: QueryClient,
  owner: OwnerId,
  id: string,
): Position | undefined {
  return (
    queryClient.getQueryData(positionQueries.detail(owner, id).queryKey) ??
    queryClient.getQueryData(positionQueries.list(owner).queryKey)?.find((item) => item.id === id)
  );
}

/** The etag we last saw for a position: a save sends it, so an unseen change is not overwritten. */
export function knownEtag(
  queryClient: QueryClient,
  owner: OwnerId,
  id: string,
): string | undefined {
  return cachedPosition(queryClient, owner, id)?.['@odata.etag'];
}
