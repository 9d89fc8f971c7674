/**
 * Where drafts live: one key per signed-in user, owner and position. Drafts of the user's
 * own positions are kept in local storage (they survive a closed tab); drafts of other
 * people's positions (their addresses, their job details) only in the tab's session
 * storage, gone when the tab closes. Apart from drafts.ts so that signing out (in the
 * header, on every page) does not load what reading a draft needs.
 */
const PREFIX = 'profile-editor.draft.';
const OWN = 'me';

export const draftKey = (userId: string, owner: string, positionId: string | undefined) =>
  `${PREFIX}${userId}.${owner}.${positionId ?? 'new'}`;

/** The owner part of a draft key ('me' for the user's own positions). */
const ownerOf = (key: string): string | undefined => key.slice(PREFIX.length).split('.')[1];

/** The storage a draft belongs in: local for the user's own positions, the tab's for anyone else's. */
export function draftStorage(key: string): Storage {
  return key.startsWith(PREFIX) && ownerOf(key) !== OWN ? sessionStorage : localStorage;
}

function removeKeys(storage: Storage, matches: (key: string) => boolean): void {
  for (let index = storage.length - 1; index >= 0; index--) {
    const key = storage.key(index);
    if (key?.startsWith(PREFIX) && matches(key)) storage.removeItem(key);
  }
}

/** Removes every draft of a user, in `storages` (on sign-out: both). */
export function removeDraftsOf(userId: string, storages: Storage[]): void {
  for (const storage of storages)
    removeKeys(storage, (key) => key.startsWith(`${PREFIX}${userId}.`));
}

/**
 * At start-up: drafts of other people's positions that an earlier version of the app left
 * in local storage are removed; only the user's own belong there.
 */
export function purgeOthersDrafts(storage: Storage): void {
  removeKeys(storage, (key) => ownerOf(key) !== OWN);
}
