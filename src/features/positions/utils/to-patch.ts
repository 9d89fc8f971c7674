import type { Position, PositionPatch } from '../types';
import {
  cleanCategories,
  toFormValues,
  toPositionDetail,
  type PositionFormValues,
} from './form-mapping';
import { changedFields, propertyOf } from './position-fields';
import { fromColleaguesValue, fromManagerValue } from './related-people';

/** Each property the form edits, as it is written for Graph from the form's values. */
function written(values: PositionFormValues, original?: Position): Required<PositionPatch> {
  return {
    detail: toPositionDetail(values.detail, original?.detail),
    isCurrent: values.isCurrent,
    categories: cleanCategories(values.categories),
    allowedAudiences: values.allowedAudiences,
    manager: fromManagerValue(values.manager, original?.manager),
    colleagues: fromColleaguesValue(values.colleagues, original?.colleagues),
  };
}

/**
 * The PATCH body for an edit, as graph-profile-api.md decides: exactly the top-level
 * properties holding a field that changed (as sameFieldValue counts a change: spaces
 * around text do not), a changed `detail` or `manager` whole with every member, touched or
 * not, a changed `categories` or `colleagues` whole; nothing else. An empty object means: no request at all.
 */
export function toPatch(values: PositionFormValues, original: Position): PositionPatch {
  const changed = new Set(changedFields(toFormValues(original), values).map(propertyOf));
  if (changed.size === 0) return {};
  const all = written(values, original);
  return Object.fromEntries(Object.entries(all).filter(([property]) => changed.has(property)));
}

/** The POST body for a new position: every property the form edits (people only when named). */
export function toCreateBody(values: PositionFormValues): PositionPatch {
  const { manager, colleagues, ...body } = written(values);
  return {
    ...body,
    ...(manager ? { manager } : {}),
    ...(colleagues?.length ? { colleagues } : {}),
  };
}
