/**
 * Where drafts live in local storage: one key per signed-in user, owner and position.
 * Apart from drafts.ts so that signing out (in the header, on every page) does not load
 * what reading a draft needs.
 */
const PREFIX = 'profile-editor.draft.';

export const draftKey = (userId: string, owner: string, positionId: string | undefined) =>
  `${PREFIX}${userId}.${owner}.${positionId ?? 'new'}`;

/** Removes every draft of a user (on sign-out). */
export function removeDraftsOf(storage: Storage, userId: string): void {
  const prefix = `${PREFIX}${userId}.`;
  for (let index = storage.length - 1; index >= 0; index--) {
    const key = storage.key(index);
    if (key?.startsWith(prefix)) storage.removeItem(key);
  }
}
