import type { Position } from '../../types';
import { toFormValues, type PositionFormValues } from '../../utils/form-mapping';
import type { FieldConflict } from '../../utils/merge-edits';

/** How the last save (or discard) ended, for the status line. */
export type SaveOutcome =
  'saved' | 'added' | 'unchanged' | 'failed' | 'conflict' | 'deleted' | 'discarded';

export interface SaveState {
  /** The version the form's values are based on: opened, saved or re-read. None: a new position. */
  base: Position | undefined;
  /** The form's values of `base`: what counts as "no change". */
  clean: PositionFormValues;
  /** A save (or an add-again) is under way, from the click to its end: the one notion of busy. */
  busy: boolean;
  outcome: SaveOutcome | null;
  /** Why the last save failed, while it is the last word. */
  error: unknown;
  /** Someone else changed fields this save changed too: the user chooses, field by field. */
  conflict: { conflicts: FieldConflict[]; server: Position } | null;
  /** Someone else deleted the position: it can only be added again. */
  deletedMeanwhile: boolean;
}

export type SaveEvent =
  /** A save starts: what the last one said is cleared. */
  | { type: 'started' }
  /** The form is based on `base` now (saved, re-read after a conflict, added, or discarded to). */
  | { type: 'based'; base: Position | undefined }
  | { type: 'finished'; outcome: 'saved' | 'added' | 'unchanged' }
  | { type: 'conflicted'; conflicts: FieldConflict[]; server: Position }
  | { type: 'deleted' }
  | { type: 'failed'; error: unknown }
  | { type: 'discarded' };

export function initialSaveState(position: Position | undefined): SaveState {
  return {
    base: position,
    clean: toFormValues(position),
    busy: false,
    outcome: null,
    error: null,
    conflict: null,
    deletedMeanwhile: false,
  };
}

/** Each step of a save, as a pure transition (the hook does the requests and the form). */
export function reduceSave(state: SaveState, event: SaveEvent): SaveState {
  switch (event.type) {
    case 'started':
      return { ...state, busy: true, outcome: null, error: null, conflict: null };
    case 'based':
      return { ...state, base: event.base, clean: toFormValues(event.base) };
    case 'finished':
      return { ...state, busy: false, outcome: event.outcome, deletedMeanwhile: false };
    case 'conflicted':
      return {
        ...state,
        busy: false,
        outcome: 'conflict',
        conflict: { conflicts: event.conflicts, server: event.server },
      };
    case 'deleted':
      return { ...state, busy: false, outcome: 'deleted', deletedMeanwhile: true };
    case 'failed':
      return { ...state, busy: false, outcome: 'failed', error: event.error };
    case 'discarded':
      return { ...state, outcome: 'discarded', error: null, conflict: null };
  }
}
