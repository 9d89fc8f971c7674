import type { Position, PositionPatch } from '../types';
import {
  cleanCategories,
  toFormValues,
  toPositionDetail,
  type PositionFormValues,
} from './form-mapping';
import { changedFields, propertyOf } from './position-fields';

/** Each property the form edits, as it is written for Graph from the form's values. */
function written(values: PositionFormValues, original?: Position): Required<PositionPatch> {
  return {
    detail: toPositionDetail(values.detail, original?.detail),
    isCurrent: values.isCurrent,
    categories: cleanCategories(values.categories),
    allowedAudiences: values.allowedAudiences,
  };
}

/**
 * The PATCH body for an edit, as graph-profile-api.md decides: exactly the top-level
 * properties holding a field that changed (as sameFieldValue counts a change: spaces
 * around text do not), a changed `detail` whole with every member, touched or not, a
 * changed `categories` whole; nothing else. An empty object means: no request at all.
 */
export function toPatch(values: PositionFormValues, original: Position): PositionPatch {
  const changed = new Set(changedFields(toFormValues(original), values).map(propertyOf));
  if (changed.size === 0) return {};
  const all = written(values, original);
  return Object.fromEntries(Object.entries(all).filter(([property]) => changed.has(property)));
}

/** The POST body for a new position: every property the form edits. */
export function toCreateBody(values: PositionFormValues): PositionPatch {
  return written(values);
}
