import { describe, expect, it } from 'vitest';
import {
  initialSaveState,
  reduceSave,
  type SaveState,
} from '../../../src/features/positions/components/position-form/save-state';
import type { Position } from '../../../src/features/positions/types';
import { toFormValues } from '../../../src/features/positions/utils/form-mapping';
import { positionFields } from '../../../src/features/positions/utils/position-fields';

const auditor: Position = { id: 'p1', detail: { jobTitle: 'Auditor' } };
const conflict = { field: positionFields.jobTitle, mine: 'Lead Auditor', theirs: 'Chief Auditor' };

const after = (...events: Parameters<typeof reduceSave>[1][]): SaveState =>
  events.reduce(reduceSave, initialSaveState(auditor));

describe('the save’s state, step by step', () => {
  it('starts idle, based on the position it opened with', () => {
    expect(initialSaveState(auditor)).toEqual({
      base: auditor,
      clean: toFormValues(auditor),
      busy: false,
      outcome: null,
      error: null,
      conflict: null,
      deletedMeanwhile: false,
    });
    expect(initialSaveState(undefined).clean).toEqual(toFormValues());
  });

  it('is busy from start to end, and a start clears what the last save said', () => {
    const failed = after({ type: 'started' }, { type: 'failed', error: 'boom' });
    expect(failed).toMatchObject({ busy: false, outcome: 'failed', error: 'boom' });
    expect(reduceSave(failed, { type: 'started' })).toMatchObject({
      busy: true,
      outcome: null,
      error: null,
    });
    expect(after({ type: 'started' }, { type: 'finished', outcome: 'saved' })).toMatchObject({
      busy: false,
      outcome: 'saved',
    });
  });

  it('takes a new base and the clean values that go with it', () => {
    const saved: Position = { id: 'p1', detail: { jobTitle: 'Senior Auditor' } };
    const state = after({ type: 'based', base: saved });
    expect(state.base).toBe(saved);
    expect(state.clean.detail.jobTitle).toBe('Senior Auditor');
  });

  it('holds a conflict until the next start', () => {
    const state = after(
      { type: 'started' },
      { type: 'conflicted', conflicts: [conflict], server: auditor },
    );
    expect(state).toMatchObject({ busy: false, outcome: 'conflict' });
    expect(state.conflict?.conflicts).toEqual([conflict]);
    expect(reduceSave(state, { type: 'started' }).conflict).toBeNull();
  });

  it('keeps "deleted meanwhile" through a failed add-again, and drops it once added', () => {
    const deleted = after({ type: 'started' }, { type: 'deleted' });
    expect(deleted).toMatchObject({ busy: false, outcome: 'deleted', deletedMeanwhile: true });
    const retried = [{ type: 'started' }, { type: 'failed', error: 'x' }] as const;
    expect(retried.reduce(reduceSave, deleted).deletedMeanwhile).toBe(true);
    expect(
      reduceSave(reduceSave(deleted, { type: 'started' }), { type: 'finished', outcome: 'added' })
        .deletedMeanwhile,
    ).toBe(false);
  });

  it('a discard clears the error and the conflict', () => {
    const state = after(
      { type: 'started' },
      { type: 'conflicted', conflicts: [conflict], server: auditor },
      { type: 'discarded' },
    );
    expect(state).toMatchObject({ outcome: 'discarded', conflict: null, error: null });
  });
});
