import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { graph } from '../../../graph/graph';
import { GraphError, NETWORK_ERROR } from '../../../graph/graph-error';
import { MAX_ATTEMPTS, retryDelayMs, shouldRetryCreate } from '../../../graph/retry-policy';
import type { OwnerId, Position, PositionPatch } from '../types';
import { sameValue } from '../utils/same-value';
import { storePosition } from './cache';
import { listPositions, positionQueries } from './position-queries';
import { positionsPath, scopesFor } from './positions-path';

export async function createPosition({
  owner,
  body,
}: {
  owner: OwnerId;
  body: PositionPatch;
}): Promise<Position> {
  const { data } = await graph().request<Position>(positionsPath(owner), {
    method: 'POST',
    body,
    scopes: scopesFor(owner),
  });
  return data;
}

/** A failure after which nobody knows whether the position was created (no answer, or a server error). */
export function isUncertain(error: unknown): boolean {
  return error instanceof GraphError && (error.code === NETWORK_ERROR || error.status >= 500);
}

/**
 * A create known not to have happened: safe to send again. (When the check itself fails,
 * the original error stands and the next attempt checks first.)
 */
class NotCreatedError extends GraphError {
  readonly confirmedNotCreated = true;
}

/** The position an earlier attempt made, if there is one: new since `knownIds`, with what we sent. */
export function findCreated(
  positions: Position[],
  knownIds: Set<string>,
  body: PositionPatch,
): Position | undefined {
  return positions.find(
    (position) =>
      !knownIds.has(position.id) &&
      sameValue(position.detail?.jobTitle, body.detail?.jobTitle) &&
      sameValue(position.detail?.company?.displayName, body.detail?.company?.displayName) &&
      sameValue(position.detail?.startMonthYear, body.detail?.startMonthYear) &&
      sameValue(position.detail?.endMonthYear, body.detail?.endMonthYear) &&
      sameValue(position.isCurrent, body.isCurrent) &&
      sameValue(position.categories ?? [], body.categories ?? []) &&
      sameValue(position.allowedAudiences, body.allowedAudiences),
  );
}

/** Reads the list with the usual retries for a read (the check itself may meet throttling). */
async function listWithRetries(owner: OwnerId): Promise<Position[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listPositions(owner);
    } catch (error) {
      if (!isUncertain(error) && !(error instanceof GraphError && error.status === 429))
        throw error;
      if (attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt - 1, error)));
    }
  }
}

/**
 * Creates a position, at most once. A POST is repeated only when it is known not to have
 * happened: after a 429 (Graph refused it outright), or after an unanswered attempt once
 * the list shows no such position. When an earlier attempt did go through, that position
 * is the result.
 */
export function useCreatePosition(owner: OwnerId) {
  const queryClient = useQueryClient();
  // While an attempt's outcome is unknown: the positions known before it, and every body
  // sent since (the user may change the form before trying again).
  const uncertain = useRef<{ knownIds: Set<string>; bodies: PositionPatch[] } | null>(null);
  const findEarlier = async (
    attempt: NonNullable<typeof uncertain.current>,
  ): Promise<Position | undefined> => {
    const positions = await listWithRetries(owner);
    for (const sent of attempt.bodies) {
      const found = findCreated(positions, attempt.knownIds, sent);
      if (found) return found;
    }
    return undefined;
  };
  return useMutation({
    scope: { id: `positions:${owner}:create` },
    mutationFn: async (body: PositionPatch): Promise<Position> => {
      if (uncertain.current) {
        const earlier = await findEarlier(uncertain.current);
        if (earlier) return earlier;
      } else {
        const known =
          queryClient.getQueryData(positionQueries.list(owner).queryKey) ??
          (await listWithRetries(owner));
        uncertain.current = { knownIds: new Set(known.map((position) => position.id)), bodies: [] };
      }
      uncertain.current.bodies.push(body);
      try {
        const created = await createPosition({ owner, body });
        return created;
      } catch (error) {
        if (!isUncertain(error)) {
          if (!(error instanceof GraphError && error.status === 429)) uncertain.current = null;
          throw error;
        }
        const earlier = await findEarlier(uncertain.current);
        if (earlier) return earlier;
        const { status, code, message, requestId, clientRequestId, date } = error as GraphError;
        throw new NotCreatedError({ status, code, message, requestId, clientRequestId, date });
      }
    },
    retry: shouldRetryCreate,
    retryDelay: retryDelayMs,
    onSuccess: (created) => {
      uncertain.current = null;
      storePosition(queryClient, owner, created);
    },
  });
}
