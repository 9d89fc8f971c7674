import type { Position, PositionPatch } from '../types';
import { cleanCategories, toPositionDetail, type PositionFormValues } from './form-mapping';
import { sameValue } from './same-value';

/** react-hook-form's `formState.dirtyFields`: the form's shape with `true` where a field changed. */
export interface DirtyFields {
  [key: string]: boolean | DirtyFields | (boolean | DirtyFields)[] | undefined;
}

/** True when anything in a branch of `dirtyFields` is marked. */
export function isDirtyBranch(branch: unknown): boolean {
  if (branch === true) return true;
  if (Array.isArray(branch)) return branch.some(isDirtyBranch);
  if (branch && typeof branch === 'object') return Object.values(branch).some(isDirtyBranch);
  return false;
}

/**
 * The PATCH body for an edit, as graph-profile-api.md decides: exactly the top-level
 * properties that changed; a changed `detail` whole (with every member, touched or not);
 * a changed `categories` whole; nothing else. The dirty flags say what the user touched;
 * each candidate is then compared with the original, so a field edited and put back, or
 * changed only by whitespace, sends nothing. An empty object means: no request at all.
 */
export function toPatch(
  dirtyFields: DirtyFields,
  values: PositionFormValues,
  original: Position,
): PositionPatch {
  const patch: PositionPatch = {};
  if (isDirtyBranch(dirtyFields.detail)) {
    const detail = toPositionDetail(values.detail, original.detail);
    if (!sameValue(detail, original.detail)) patch.detail = detail;
  }
  if (isDirtyBranch(dirtyFields.isCurrent) && values.isCurrent !== (original.isCurrent ?? false)) {
    patch.isCurrent = values.isCurrent;
  }
  if (isDirtyBranch(dirtyFields.categories)) {
    const categories = cleanCategories(values.categories);
    if (!sameValue(categories, original.categories ?? [])) patch.categories = categories;
  }
  if (
    isDirtyBranch(dirtyFields.allowedAudiences) &&
    values.allowedAudiences !== original.allowedAudiences
  ) {
    patch.allowedAudiences = values.allowedAudiences as PositionPatch['allowedAudiences'];
  }
  return patch;
}

/** The POST body for a new position: every property the form edits. */
export function toCreateBody(values: PositionFormValues): PositionPatch {
  return {
    detail: toPositionDetail(values.detail, undefined),
    isCurrent: values.isCurrent,
    categories: cleanCategories(values.categories),
    allowedAudiences: values.allowedAudiences as PositionPatch['allowedAudiences'],
  };
}
