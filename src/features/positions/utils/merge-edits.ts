import type { PositionFormValues } from './form-mapping';
import { fieldValue, POSITION_FIELDS, sameFieldValue, type PositionField } from './position-fields';

export interface FieldConflict {
  field: PositionField;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** Every field merged; where both sides changed a field differently, the user's value (until they choose). */
  merged: PositionFormValues;
  /** Fields both sides changed, to different values: the user decides. */
  conflicts: FieldConflict[];
}

function setAt(target: PositionFormValues, field: PositionField, value: unknown): void {
  const keys = field.path.split('.');
  let node = target as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = structuredClone(value);
}

/**
 * Three-way merge of a form, field by field: `base` is what the user started from,
 * `mine` what they want, `theirs` what the server holds now. A field only one side
 * changed takes that side's value without asking; a field both changed to the same value
 * is fine; a field both changed differently is a conflict.
 */
export function mergeEdits(
  base: PositionFormValues,
  mine: PositionFormValues,
  theirs: PositionFormValues,
): MergeResult {
  const merged = structuredClone(theirs);
  const conflicts: FieldConflict[] = [];
  for (const field of POSITION_FIELDS) {
    const baseValue = fieldValue(base, field);
    const myValue = fieldValue(mine, field);
    const theirValue = fieldValue(theirs, field);
    if (sameFieldValue(field, myValue, baseValue)) continue;
    setAt(merged, field, myValue);
    if (
      !sameFieldValue(field, theirValue, baseValue) &&
      !sameFieldValue(field, myValue, theirValue)
    )
      conflicts.push({ field, mine: myValue, theirs: theirValue });
  }
  return { merged, conflicts };
}

/**
 * `current` (the form as it is) with each conflict settled: 'theirs' takes the server's
 * value; 'mine' keeps what the field holds now, which may be a hand-made blend.
 */
export function settleConflicts(
  current: PositionFormValues,
  conflicts: FieldConflict[],
  choices: Record<string, 'mine' | 'theirs'>,
): PositionFormValues {
  const settled = structuredClone(current);
  for (const conflict of conflicts) {
    if (choices[conflict.field.path] === 'theirs') setAt(settled, conflict.field, conflict.theirs);
  }
  return settled;
}
