import { useCallback, useState, useSyncExternalStore, type BaseSyntheticEvent } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { GraphError } from '../../../../graph/graph-error';
import { useCreatePosition } from '../../api/create-position';
import { useUpdatePosition } from '../../api/update-position';
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
  /** The position as Graph last returned it; absent for a new one. */
  position?: Position;
  form: UseFormReturn<PositionFormValues>;
  /** Where unsaved input of a position (undefined: a new one) is kept between visits. */
  draftKeyFor?: (positionId: string | undefined) => string;
  /** After Graph confirmed: the saved (or added) position. */
  onSaved: (saved: Position) => void;
}

/**
 * Saving a position, as one unit the form only renders: validation, then exactly what
 * changed (toPatch) with the etag of the version the form is based on, through the
 * update mutation (retries, offline pause, one save of a position at a time) or, for a
 * new position, the create mutation (at most once); after a create, further saves are
 * updates of it. Someone else's newer version (412) is re-read and merged field by field:
 * fields only one side changed are taken silently and the save is sent again; fields both
 * changed wait for the user's choice. A position deleted meanwhile (404) can be added
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
   * Someone else saved first: read the position as it is now and merge field by field
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
    const serverValues = toFormValues(server);
    const { merged, conflicts } = mergeEdits(toFormValues(base), values, serverValues);
    // Based on the server's version now, with the merge on top; whatever was typed since
    // `values` was submitted stays on top of that, unsaved.
    resetTo(server, [serverValues, merged], [values, form.getValues()]);
    if (conflicts.length > 0) {
      store.dispatch({ type: 'conflicted', conflicts, server });
      return STOPPED;
    }
    return merged;
  }

  /** Sends `values` as the change of the version the form is based on. */
  async function send(values: PositionFormValues, rebases = 0): Promise<void> {
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
    // Where a write without an etag is to read the current version and merge first (Graph's
    // profile facets carry none: graph-profile-api.md, "Concurrency"), that step goes here:
    // `reconcile(base, values)`, then send what it merged (as after a 412 below).
    try {
      const saved = await update.mutateAsync({ patch, etag: base['@odata.etag'] });
      settle(saved, values);
      store.dispatch({ type: 'finished', outcome: 'saved' });
      onSaved(saved);
    } catch (error) {
      if (isStatus(error, 412) && rebases < MAX_REBASES) {
        const merged = await reconcile(base, values);
        if (merged !== STOPPED) await send(merged, rebases + 1);
        return;
      }
      if (isStatus(error, 404)) {
        store.dispatch({ type: 'deleted' });
        return;
      }
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
