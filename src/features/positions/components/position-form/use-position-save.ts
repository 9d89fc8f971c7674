import {
  useCallback,
  useEffect,
  useState,
  useSyncExternalStore,
  type BaseSyntheticEvent,
} from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { GraphError } from '../../../../graph/graph-error';
import { useCreatePosition } from '../../api/create-position';
import { EditConflictError } from '../../api/read-merge-write';
import { PositionDeletedError, useUpdatePosition } from '../../api/update-position';
import { useReloadPosition } from '../../api/use-positions';
import type { OwnerId, Position } from '../../types';
import { draftStorage } from '../../utils/draft-keys';
import { removeDraft, saveDraft } from '../../utils/drafts';
import { toFormValues, type PositionFormValues } from '../../utils/form-mapping';
import { mergeEdits, settleConflicts } from '../../utils/merge-edits';
import { changedFields } from '../../utils/position-fields';
import { fieldErrorsFromGraph } from '../../utils/server-errors';
import { toCreateBody, toPatch } from '../../utils/to-patch';
import { initialSaveState, reduceSave, type SaveEvent, type SaveState } from './save-state';
import { applyValues } from './use-position-draft';

/** How often one save may meet someone else's newer version before it gives up. */
const MAX_REBASES = 3;

/** The save's state, readable at once in event handlers and rendered through React. */
function createSaveStore(initial: SaveState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch: (event: SaveEvent) => {
      state = reduceSave(state, event);
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const isStatus = (error: unknown, status: number) =>
  error instanceof GraphError && error.status === status;

/** A save cannot go on (conflict to settle, or the position is gone): its state says why. */
const STOPPED = 'stopped';

export interface PositionSaveOptions {
  owner: OwnerId;
  /**
   * The position as Graph last returned it (the page's newest copy: an untouched form
   * follows it); absent for a new one.
   */
  position?: Position;
  form: UseFormReturn<PositionFormValues>;
  /** Where unsaved input of a position (undefined: a new one) is kept between visits. */
  draftKeyFor?: (positionId: string | undefined) => string;
  /** After Graph confirmed: the saved (or added) position. */
  onSaved: (saved: Position) => void;
}

/**
 * Saving a position, as one unit the form only renders: validation, then exactly what
 * changed (toPatch), through the update mutation (retries, offline pause, one save of a
 * position at a time) or, for a new position, the create mutation (at most once); after
 * a create, further saves are updates of it. Someone else's newer version is merged field
 * by field (base: what the form started from; mine; theirs): without an etag (Graph's
 * profile API) the update reads the current version before it writes; with one, a 412
 * makes it read and send again. Fields only one side changed are taken silently; fields
 * both changed wait for the user's choice. A position deleted meanwhile can be added
 * again. Whatever happens, what the user typed stays in the form; typing done while a
 * save runs stays on top of what was saved, still unsaved.
 */
export function usePositionSave({
  owner,
  position,
  form,
  draftKeyFor,
  onSaved,
}: PositionSaveOptions) {
  const isNew = position === undefined;
  const [store] = useState(() => createSaveStore(initialSaveState(position)));
  const state = useSyncExternalStore(store.subscribe, store.get);
  const update = useUpdatePosition(owner, state.base?.id);
  const create = useCreatePosition(owner);
  const reload = useReloadPosition(owner);

  const draftKey = draftKeyFor?.(position?.id);
  const forgetDraft = useCallback(() => {
    if (draftKey) removeDraft(draftStorage(draftKey), draftKey);
  }, [draftKey]);

  // An untouched form follows the newest version the page holds (read again when the tab
  // came back into view, say): someone else's change shows instead of the version it
  // opened with. A form with changes, a save under way or a choice to make keeps its base.
  useEffect(() => {
    const current = store.get();
    if (!position || position === current.base || position.id !== current.base?.id) return;
    if (current.busy || current.conflict || current.deletedMeanwhile) return;
    if (changedFields(current.clean, form.getValues()).length > 0) return;
    store.dispatch({ type: 'based', base: position });
    form.reset(store.get().clean);
  }, [position, store, form]);

  /** The values that count as unchanged, at this moment. */
  const getClean = useCallback(() => store.get().clean, [store]);

  /** True when the form holds a change (spaces around text do not count), at this moment. */
  const hasUnsavedChanges = useCallback(
    () => changedFields(store.get().clean, form.getValues()).length > 0,
    [store, form],
  );

  /**
   * The form clean as `base` now, then each `[from, to]` laid over it: whatever `to`
   * holds beyond `from` shows as changed. The one place the form is reset.
   */
  function resetTo(
    base: Position | undefined,
    ...layers: [PositionFormValues, PositionFormValues][]
  ) {
    store.dispatch({ type: 'based', base });
    form.reset(store.get().clean);
    for (const [from, to] of layers) applyValues(form, from, to);
  }

  /** Saved as `saved`; what was typed after `sent` was submitted stays, unsaved. */
  function settle(saved: Position, sent: PositionFormValues) {
    resetTo(saved, [sent, form.getValues()]);
    if (!hasUnsavedChanges()) forgetDraft();
  }

  /**
   * A new position came back different from what the form holds (an earlier attempt,
   * unanswered, was found and taken): the difference goes with it as its draft, put back
   * when its page opens.
   */
  function carryOver(created: Position, values: PositionFormValues) {
    const createdValues = toFormValues(created);
    if (!draftKeyFor || changedFields(createdValues, values).length === 0) return;
    const carriedKey = draftKeyFor(created.id);
    saveDraft(draftStorage(carriedKey), carriedKey, {
      values,
      baseValues: createdValues,
      savedAt: new Date().toISOString(),
      reason: 'carried',
    });
  }

  /**
   * The form based on `current` (the position as Graph holds it now), with `merged` (the
   * three-way merge) on top; whatever was typed since `values` was submitted stays on top
   * of that, unsaved.
   */
  function rebaseOnto(current: Position, merged: PositionFormValues, values: PositionFormValues) {
    resetTo(current, [toFormValues(current), merged], [values, form.getValues()]);
  }

  /**
   * Someone else saved first (412): read the position as it is now and merge field by field
   * (base: what the form started from; mine: `values`; theirs: the server's). The form
   * is based on the server's version from then on. Gives the merged values to send, or
   * stops where the user must choose or the position is gone.
   */
  async function reconcile(
    base: Position,
    values: PositionFormValues,
  ): Promise<PositionFormValues | typeof STOPPED> {
    let server: Position;
    try {
      server = await reload(base.id);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      store.dispatch({ type: 'deleted' });
      return STOPPED;
    }
    const { merged, conflicts } = mergeEdits(toFormValues(base), values, toFormValues(server));
    rebaseOnto(server, merged, values);
    if (conflicts.length > 0) {
      store.dispatch({ type: 'conflicted', conflicts, server });
      return STOPPED;
    }
    return merged;
  }

  /**
   * Sends `values` as the change of the version the form is based on. With an etag: one
   * PATCH with If-Match, and a merge after a 412. Without one (Graph's profile API): the
   * update reads the current version first and merges before it writes, so what someone
   * else changed meanwhile, inside `detail` too, is kept. `notFoundRetried`: a 404 on the
   * PATCH was met once already (Graph has been reported to answer a PATCH of an existing
   * facet with 404; a fresh read decides whether it is gone).
   */
  async function send(
    values: PositionFormValues,
    rebases = 0,
    notFoundRetried = false,
  ): Promise<void> {
    const { base } = store.get();
    if (!base) {
      const created = await create.mutateAsync(toCreateBody(values));
      carryOver(created, values);
      settle(created, values);
      store.dispatch({ type: 'finished', outcome: 'added' });
      onSaved(created);
      return;
    }
    const patch = toPatch(values, base);
    if (Object.keys(patch).length === 0) {
      settle(base, values);
      // After a conflict, the server holding all of it means it is saved (an earlier
      // attempt's answer was lost); otherwise there was nothing to save.
      store.dispatch({ type: 'finished', outcome: rebases > 0 ? 'saved' : 'unchanged' });
      if (rebases > 0) onSaved(base);
      return;
    }
    const etag = base['@odata.etag'];
    try {
      const { saved } = await update.mutateAsync(etag ? { patch, etag, base } : { base, values });
      settle(saved, values);
      store.dispatch({ type: 'finished', outcome: 'saved' });
      onSaved(saved);
    } catch (error) {
      if (error instanceof EditConflictError) {
        rebaseOnto(error.current, error.merged, values);
        store.dispatch({ type: 'conflicted', conflicts: error.conflicts, server: error.current });
        return;
      }
      if (error instanceof PositionDeletedError) {
        store.dispatch({ type: 'deleted' });
        return;
      }
      if (isStatus(error, 412) && rebases < MAX_REBASES) {
        const merged = await reconcile(base, values);
        if (merged !== STOPPED) await send(merged, rebases + 1, notFoundRetried);
        return;
      }
      if (isStatus(error, 404) && !notFoundRetried) {
        // Without an etag the update reads first again: its 404 means deleted.
        if (!etag) return send(values, rebases, true);
        const merged = await reconcile(base, values);
        if (merged !== STOPPED) await send(merged, rebases + 1, true);
        return;
      }
      // A second 404 although the last read found the position: not "deleted", an error.
      throw error;
    }
  }

  /** One save from start to end; a second one while it runs is ignored. */
  async function run(values: PositionFormValues) {
    if (store.get().busy) return;
    store.dispatch({ type: 'started' });
    try {
      await send(values);
    } catch (error) {
      store.dispatch({ type: 'failed', error });
      if (error instanceof GraphError) {
        // Graph named the properties it refused: the message goes on those fields.
        const fields = fieldErrorsFromGraph(error);
        for (const { field, message } of fields)
          form.setError(field as FieldPath<PositionFormValues>, { type: 'server', message });
        if (fields[0]) form.setFocus(fields[0].field as FieldPath<PositionFormValues>);
      }
    }
  }

  /** Validates the form, then saves it (the form's onSubmit). */
  const submit = (event?: BaseSyntheticEvent) => form.handleSubmit(run)(event);

  /** Settles each conflicting field as chosen ('mine' keeps what the field holds now), then saves. */
  function resolveConflict(choices: Record<string, 'mine' | 'theirs'>) {
    const { conflict, base, clean } = store.get();
    if (!conflict) return Promise.resolve();
    resetTo(base, [clean, settleConflicts(form.getValues(), conflict.conflicts, choices)]);
    return submit();
  }

  /** Adds the form's values as a new position (after someone else deleted this one). */
  async function recreate() {
    if (store.get().busy) return;
    store.dispatch({ type: 'started' });
    const values = form.getValues();
    try {
      const created = await create.mutateAsync(toCreateBody(values));
      settle(created, values);
      forgetDraft();
      store.dispatch({ type: 'finished', outcome: 'added' });
      onSaved(created);
    } catch (error) {
      store.dispatch({ type: 'failed', error });
    }
  }

  /** Back to the version the form is based on; the draft goes too. */
  function discard() {
    forgetDraft();
    resetTo(store.get().base);
    store.dispatch({ type: 'discarded' });
  }

  const running = create.isPending ? create : update;
  return {
    isNew,
    ...state,
    /** While a request is under way: waiting for the network, and which attempt this is. */
    progress: running.isPending
      ? { paused: running.isPaused, attempt: running.failureCount + 1 }
      : null,
    getClean,
    hasUnsavedChanges,
    forgetDraft,
    submit,
    resolveConflict,
    recreate,
    discard,
  };
}

export type PositionSave = ReturnType<typeof usePositionSave>;
