import type { PositionFormValues } from './form-mapping';
import { mergeEdits } from './merge-edits';

/**
 * Unsaved form input, kept in the browser's local storage per user and position so it
 * survives a reload, a crashed tab and a sign-in round trip. Only what the user typed
 * is stored (never a token), and it is removed once saved or discarded.
 */
export interface Draft {
  /** What the form held. */
  values: PositionFormValues;
  /** What the form started from, so a restore re-applies only the user's own changes. */
  baseValues: PositionFormValues;
  savedAt: string;
  /**
   * 'sign-in': kept as the page left to sign in again; 'carried': what a new position's
   * form held beyond what was added. Both are put back without asking.
   */
  reason: 'typing' | 'sign-in' | 'carried';
}

const PREFIX = 'profile-editor.draft.';

export const draftKey = (userId: string, owner: string, positionId: string | undefined) =>
  `${PREFIX}${userId}.${owner}.${positionId ?? 'new'}`;

export function saveDraft(storage: Storage, key: string, draft: Draft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still holds the input; nothing more to do.
  }
}

function looksLikeFormValues(value: unknown): value is PositionFormValues {
  const candidate = value as {
    detail?: { jobTitle?: unknown; company?: { address?: unknown } };
    categories?: unknown;
    isCurrent?: unknown;
  } | null;
  return (
    !!candidate &&
    typeof candidate === 'object' &&
    typeof candidate.detail?.jobTitle === 'string' &&
    Array.isArray(candidate.categories) &&
    typeof candidate.isCurrent === 'boolean' &&
    typeof candidate.detail.company?.address === 'object'
  );
}

/** The stored draft, or undefined when there is none or it is unreadable. */
export function loadDraft(storage: Storage, key: string): Draft | undefined {
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Draft;
    if (!looksLikeFormValues(draft.values) || !looksLikeFormValues(draft.baseValues))
      return undefined;
    return draft;
  } catch {
    return undefined;
  }
}

export function removeDraft(storage: Storage, key: string): void {
  storage.removeItem(key);
}

/** Removes every draft of a user (on sign-out). */
export function removeDraftsOf(storage: Storage, userId: string): void {
  const prefix = `${PREFIX}${userId}.`;
  for (let index = storage.length - 1; index >= 0; index--) {
    const key = storage.key(index);
    if (key?.startsWith(prefix)) storage.removeItem(key);
  }
}

/**
 * The form values with the draft's changes laid over what the position holds now: fields
 * the user changed take the draft's value, the rest stay as they are on the server.
 */
export function applyDraft(draft: Draft, current: PositionFormValues): PositionFormValues {
  return mergeEdits(draft.baseValues, draft.values, current).merged;
}
