import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graph } from '../../../graph/graph';
import { GraphError, initOf } from '../../../graph/graph-error';
import type { OwnerId, Position, PositionPatch } from '../types';
import { readAnswer } from '../../../graph/graph-answer';
import type { PositionFormValues } from '../utils/form-mapping';
import { cachedPosition, storePosition } from './cache';
import { getPosition } from './position-queries';
import { positionSchema } from './position-schema';
import { patched, readMergeWrite, type PositionUpdateResult } from './read-merge-write';
import { positionPath, positionScope, scopesFor } from './positions-path';

/**
 * Sends a PATCH. Graph answers with the whole updated position; an answer with no body
 * (204, or 200 and nothing) also means saved, and gives `undefined`.
 */
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
}): Promise<Position | undefined> {
  const { data } = await graph().request(positionPath(owner, id), {
    method: 'PATCH',
    body: patch,
    scopes: scopesFor(owner),
    headers: etag ? { 'If-Match': etag } : undefined,
  });
  if (data === undefined) return undefined;
  return readAnswer(positionSchema, data, 'saving a position');
}

/** The read before a write found no position: someone deleted it meanwhile. */
export class PositionDeletedError extends GraphError {
  readonly deleted = true;

  constructor(cause: GraphError) {
    super(initOf(cause));
  }
}

/** What one save asks for. */
export type PositionUpdate =
  /**
   * The version it was made from (`base`) carries an etag: one PATCH with If-Match (412
   * if it is stale).
   */
  | { patch: PositionPatch; etag?: string; base?: Position }
  /**
   * No etag (Graph's profile API has none): read the current version, merge base / mine /
   * theirs field by field, and send only what the user changed, built on the current version.
   */
  | { base: Position; values: PositionFormValues };

/**
 * The read before a write asks for the headers the PATCH sends (Content-Type) too. Graph
 * sends no Access-Control-Max-Age and allows only the headers a preflight asked about, so
 * the browser keeps each preflight 5 s for those headers alone: a read with its own
 * preflight left the PATCH one more (four round trips a save); this way the read's
 * preflight clears the PATCH to the same address as well (three). Graph ignores it on a GET.
 */
const READ_BEFORE_WRITE_HEADERS = { 'Content-Type': 'application/json' };

/**
 * The app's read-merge-write (readMergeWrite): each attempt reads afresh, so a retry
 * after throttling never sends a patch built on a version older than its own read; what
 * the read found goes into the cache, replacing any older read still under way. A read
 * that finds nothing means the position was deleted.
 */
function saveWithoutEtag(
  owner: OwnerId,
  id: string,
  update: { base: Position; values: PositionFormValues },
  store: (position: Position) => void,
): Promise<PositionUpdateResult> {
  return readMergeWrite(
    {
      read: async () => {
        try {
          const current = await getPosition(owner, id, undefined, READ_BEFORE_WRITE_HEADERS);
          store(current);
          return current;
        } catch (error) {
          if (error instanceof GraphError && error.status === 404)
            throw new PositionDeletedError(error);
          throw error;
        }
      },
      write: (patch, etag) => updatePosition({ owner, id, patch, etag }),
    },
    update,
  );
}

/**
 * Saves one position: with an etag, the patch with If-Match; without one, read, merge and
 * write (readMergeWrite). Saves of the same position run one after another (mutation
 * scope), retried as the query client says (a read-first save reads again on each
 * attempt), and wait while the browser is offline; Graph's answer is written into the
 * cache as it is, with no refetch. `id` may be unknown yet (a form for a new position),
 * but a save needs it.
 */
export function useUpdatePosition(owner: OwnerId, id: string | undefined) {
  const queryClient = useQueryClient();
  const store = (position: Position) => storePosition(queryClient, owner, position);
  return useMutation({
    scope: id === undefined ? undefined : positionScope(owner, id),
    mutationFn: async (update: PositionUpdate): Promise<PositionUpdateResult> => {
      if (id === undefined) throw new Error('A position is saved once it has been added.');
      if ('values' in update) return saveWithoutEtag(owner, id, update, store);
      const { patch, etag, base } = update;
      const answer = await updatePosition({ owner, id, patch, etag });
      const before = base ?? cachedPosition(queryClient, owner, id) ?? { id };
      return { saved: answer ?? patched(before, patch), sent: patch };
    },
    onSuccess: ({ saved }) => store(saved),
  });
}
