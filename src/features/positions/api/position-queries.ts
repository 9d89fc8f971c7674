import { queryOptions } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import { readAnswer } from '../../../graph/graph-answer';
import type { OwnerId, Position } from '../types';
import { positionPageSchema, positionSchema, type PositionPage } from './position-schema';
import { positionPath, positionsPath, scopesFor } from './positions-path';

/** Every page of an owner's positions: each nextLink followed exactly as Graph gave it. */
export async function listPositions(owner: OwnerId, signal?: AbortSignal): Promise<Position[]> {
  const positions: Position[] = [];
  let next: string | null | undefined = positionsPath(owner);
  while (next) {
    const { data } = await graph().request(next, { scopes: scopesFor(owner), signal });
    const page: PositionPage = readAnswer(positionPageSchema, data, 'listing positions');
    positions.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return positions;
}

export async function getPosition(
  owner: OwnerId,
  id: string,
  signal?: AbortSignal,
  headers?: Record<string, string>,
): Promise<Position> {
  const { data } = await graph().request(positionPath(owner, id), {
    scopes: scopesFor(owner),
    signal,
    headers,
  });
  return readAnswer(positionSchema, data, 'reading a position');
}

/** The only query keys for positions: each owner's data under its own branch. */
export const positionQueries = {
  all: () => ['positions'] as const,
  owner: (owner: OwnerId) => [...positionQueries.all(), owner] as const,
  list: (owner: OwnerId) =>
    queryOptions({
      queryKey: [...positionQueries.owner(owner), 'list'] as const,
      queryFn: ({ signal }) => listPositions(owner, signal),
    }),
  detail: (owner: OwnerId, id: string) =>
    queryOptions({
      queryKey: [...positionQueries.owner(owner), 'detail', id] as const,
      queryFn: ({ signal }) => getPosition(owner, id, signal),
    }),
};
