import * as z from 'zod/mini';
import { positionFormSchema, type PositionFormValues } from './form-mapping';
import { mergeEdits } from './merge-edits';

/**
 * Unsaved form input, kept in the browser's local storage per user and position so it
 * survives a reload, a crashed tab and a sign-in round trip. Only what the user typed
 * is stored (never a token), and it is removed once saved or discarded. What is read
 * back is checked (another version of the app, or another hand, may have written it).
 */
const draftSchema = z.object({
  /** What the form held. */
  values: positionFormSchema,
  /** What the form started from, so a restore re-applies only the user's own changes. */
  baseValues: positionFormSchema,
  savedAt: z.string(),
  /**
   * 'sign-in': kept as the page left to sign in again; 'carried': what a new position's
   * form held beyond what was added. Both are put back without asking.
   */
  reason: z.enum(['typing', 'sign-in', 'carried']),
});

export type Draft = z.infer<typeof draftSchema>;

export function saveDraft(storage: Storage, key: string, draft: Draft): void {
  try {
    storage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the form still holds the input; nothing more to do.
  }
}

/** The stored draft, or undefined when there is none or it is unreadable. */
export function loadDraft(storage: Storage, key: string): Draft | undefined {
  let stored: unknown;
  try {
    const raw = storage.getItem(key);
    if (!raw) return undefined;
    stored = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const draft = draftSchema.safeParse(stored);
  return draft.success ? draft.data : undefined;
}

export function removeDraft(storage: Storage, key: string): void {
  storage.removeItem(key);
}

/**
 * The form values with the draft's changes laid over what the position holds now: fields
 * the user changed take the draft's value, the rest stay as they are on the server.
 */
export function applyDraft(draft: Draft, current: PositionFormValues): PositionFormValues {
  return mergeEdits(draft.baseValues, draft.values, current).merged;
}
