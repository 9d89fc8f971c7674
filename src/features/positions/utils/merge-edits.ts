import { FORM_FIELDS, fieldValue, sameField, type FormFieldPath } from './form-fields';
import type { PositionFormValues } from './form-mapping';

export interface FieldConflict {
  path: FormFieldPath;
  label: string;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** Every field merged; where both sides changed a field differently, the user's value (until they choose). */
  merged: PositionFormValues;
  /** Fields both sides changed, to different values: the user decides. */
  conflicts: FieldConflict[];
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
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
  const merged = structuredClone(theirs) as unknown as Record<string, unknown>;
  const conflicts: FieldConflict[] = [];
  for (const { path, label } of FORM_FIELDS) {
    const baseValue = fieldValue(base, path);
    const myValue = fieldValue(mine, path);
    const theirValue = fieldValue(theirs, path);
    const iChanged = !sameField(myValue, baseValue);
    const theyChanged = !sameField(theirValue, baseValue);
    if (!iChanged) continue;
    setAt(merged, path, myValue);
    if (theyChanged && !sameField(myValue, theirValue))
      conflicts.push({ path, label, mine: myValue, theirs: theirValue });
  }
  return { merged: merged as unknown as PositionFormValues, conflicts };
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
  const settled = structuredClone(current) as unknown as Record<string, unknown>;
  for (const conflict of conflicts) {
    if (choices[conflict.path] === 'theirs') setAt(settled, conflict.path, conflict.theirs);
  }
  return settled as unknown as PositionFormValues;
}
