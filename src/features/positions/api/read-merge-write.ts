import type { Position, PositionPatch } from '../types';
import { toFormValues, type PositionFormValues } from '../utils/form-mapping';
import { mergeEdits, type FieldConflict } from '../utils/merge-edits';
import { toPatch } from '../utils/to-patch';

/** How a save reaches one position in Graph (the app's client, or the soak's). */
export interface PositionIo {
  /** The position as Graph holds it now. */
  read(): Promise<Position>;
  /** Sends `patch` (with If-Match when `etag` is given): Graph's answer, or undefined for none. */
  write(patch: PositionPatch, etag: string | undefined): Promise<Position | undefined>;
}

/**
 * The saved version when Graph answered without a body: the version the patch was made
 * against with the patch applied (no request more). Without its etag, which is no longer
 * current: the next save reads first.
 */
export function patched(version: Position, patch: PositionPatch): Position {
  const saved: Position = { ...version, ...patch };
  delete saved['@odata.etag'];
  return saved;
}

/** Someone else changed a field this save changes too: the user chooses, field by field. */
export class EditConflictError extends Error {
  constructor(
    /** The position as Graph holds it now. */
    readonly current: Position,
    /** Every field merged; in the conflicting ones, the user's value until they choose. */
    readonly merged: PositionFormValues,
    readonly conflicts: FieldConflict[],
  ) {
    super('Someone else changed the same fields of this position.');
    this.name = 'EditConflictError';
  }
}

/** A save's result: the saved version, what was sent, and the version it was built on. */
export interface PositionUpdateResult {
  saved: Position;
  /** What was sent; null when Graph already held every change (nothing was written). */
  sent: PositionPatch | null;
  /** The version read before the write (absent for a save with an etag, which reads nothing). */
  read?: Position;
}

/**
 * Read, merge, write: the save of a position without an etag (graph-profile-api.md,
 * "Concurrency"). Reads the current version, merges field by field (base: what the form
 * started from; mine: `values`; theirs: what was read), and sends only the top-level
 * properties the user changed, built on what was read: members the form does not show,
 * and fields someone else changed, are kept. Where both sides changed the same field it
 * writes nothing and throws EditConflictError. What it cannot protect is the short window
 * between its read and its write.
 */
export async function readMergeWrite(
  io: PositionIo,
  { base, values }: { base: Position; values: PositionFormValues },
): Promise<PositionUpdateResult> {
  const current = await io.read();
  const { merged, conflicts } = mergeEdits(toFormValues(base), values, toFormValues(current));
  if (conflicts.length > 0) throw new EditConflictError(current, merged, conflicts);
  const patch = toPatch(merged, current);
  // Graph holds every change already (someone made the same one, or an earlier attempt
  // whose answer was lost went through): nothing to write.
  if (Object.keys(patch).length === 0) return { saved: current, sent: null, read: current };
  const answer = await io.write(patch, current['@odata.etag']);
  return { saved: answer ?? patched(current, patch), sent: patch, read: current };
}
