import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { graph } from '../../../graph/graph';
import { GraphError, initOf, NETWORK_ERROR } from '../../../graph/graph-error';
import { CREATE_MUTATION_KEY } from '../../../lib/query-client';
import type { OwnerId, Position, PositionPatch } from '../types';
import { toFormValues } from '../utils/form-mapping';
import { changedFields } from '../utils/position-fields';
import { readAnswer } from '../../../graph/graph-answer';
import { storePosition } from './cache';
import { positionSchema } from './position-schema';
import { positionQueries } from './position-queries';
import { positionsPath, scopesFor } from './positions-path';

export async function createPosition({
  owner,
  body,
}: {
  owner: OwnerId;
  body: PositionPatch;
}): Promise<Position> {
  const { data } = await graph().request(positionsPath(owner), {
    method: 'POST',
    body,
    scopes: scopesFor(owner),
  });
  return readAnswer(positionSchema, data, 'adding a position');
}

/** A failure after which nobody knows whether the position was created (no answer, or a server error). */
export function isUncertain(error: unknown): error is GraphError {
  return error instanceof GraphError && (error.code === NETWORK_ERROR || error.status >= 500);
}

/**
 * A create known not to have happened: safe to send again. It says all the original error
 * said (its Retry-After above all). (When the check itself fails, the original error
 * stands and the next attempt checks first.)
 */
export class NotCreatedError extends GraphError {
  readonly confirmedNotCreated = true;

  constructor(cause: GraphError) {
    super(initOf(cause));
  }
}

/**
 * The position an earlier attempt made, if there is one: new since `knownIds`, and
 * holding in every field of the form what we sent.
 */
export function findCreated(
  positions: Position[],
  knownIds: Set<string>,
  body: PositionPatch,
): Position | undefined {
  const sent = toFormValues(body);
  return positions.find(
    (position) =>
      !knownIds.has(position.id) && changedFields(toFormValues(position), sent).length === 0,
  );
}

/**
 * Creates a position, at most once. A POST is repeated only when it is known not to have
 * happened: after a 429 (Graph refused it outright), or after an unanswered attempt once
 * the list shows no such position. When an earlier attempt did go through, that position
 * is the result. Reads of the list are retried like any read (the check itself may meet
 * throttling); the POST itself as the query client says for creates.
 */
export function useCreatePosition(owner: OwnerId) {
  const queryClient = useQueryClient();
  /** The list as Graph holds it now (`fresh`), or as last seen when there is a copy. */
  const readList = (fresh: boolean) =>
    queryClient.query({ ...positionQueries.list(owner), staleTime: fresh ? 0 : 'static' });
  // While an attempt's outcome is unknown: the positions known before it, and every body
  // sent since (the user may change the form before trying again).
  const uncertain = useRef<{ knownIds: Set<string>; bodies: PositionPatch[] } | null>(null);
  const findEarlier = async (
    attempt: NonNullable<typeof uncertain.current>,
  ): Promise<Position | undefined> => {
    const positions = await readList(true);
    for (const sent of attempt.bodies) {
      const found = findCreated(positions, attempt.knownIds, sent);
      if (found) return found;
    }
    return undefined;
  };
  return useMutation({
    mutationKey: [...CREATE_MUTATION_KEY, 'positions', owner],
    scope: { id: `positions:${owner}:create` },
    mutationFn: async (body: PositionPatch): Promise<Position> => {
      if (uncertain.current) {
        const earlier = await findEarlier(uncertain.current);
        if (earlier) return earlier;
      } else {
        const known = await readList(false);
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
        throw new NotCreatedError(error);
      }
    },
    onSuccess: (created) => {
      uncertain.current = null;
      storePosition(queryClient, owner, created);
    },
  });
}
