import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  draftKey,
  draftStorage,
  purgeOthersDrafts,
  removeDraftsOf,
} from '../../../src/features/positions/utils/draft-keys';
import {
  applyDraft,
  loadDraft,
  removeDraft,
  saveDraft,
  type Draft,
} from '../../../src/features/positions/utils/drafts';
import { toFormValues } from '../../../src/features/positions/utils/form-mapping';

/** A Storage over a Map, like the browser's. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    clear: () => items.clear(),
  };
}

const keysOf = (storage: Storage) =>
  Array.from({ length: storage.length }, (_, index) => storage.key(index));

const position = {
  id: 'p1',
  allowedAudiences: 'organization' as const,
  isCurrent: true,
  categories: [],
  detail: { jobTitle: 'Auditor', company: { displayName: 'Contoso', department: 'Finance' } },
};

describe('where drafts are kept', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("keeps the user's own in local storage and other people's only in the tab's session storage", () => {
    const local = memoryStorage();
    const session = memoryStorage();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', session);
    expect(draftStorage(draftKey('user-1', 'me', 'p1'))).toBe(local);
    expect(draftStorage(draftKey('user-1', 'me', undefined))).toBe(local);
    expect(draftStorage(draftKey('user-1', 'user-2', 'p1'))).toBe(session);
    expect(draftStorage(draftKey('user-1', 'user-2', undefined))).toBe(session);
  });

  it("purges other people's drafts an earlier version left in local storage, and nothing else", () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('u', 'me', 'p1'), '{}');
    storage.setItem(draftKey('u', 'someone-else', 'p2'), '{}');
    storage.setItem(draftKey('v', 'another', undefined), '{}');
    storage.setItem('profile-editor.signedIn', '1');
    purgeOthersDrafts(storage);
    expect(keysOf(storage)).toEqual([draftKey('u', 'me', 'p1'), 'profile-editor.signedIn']);
  });

  it('go on sign-out from both storages, for that user only', () => {
    const local = memoryStorage();
    const session = memoryStorage();
    local.setItem(draftKey('u', 'me', 'p1'), '{}');
    session.setItem(draftKey('u', 'x', 'p1'), '{}');
    session.setItem(draftKey('w', 'x', 'p1'), '{}');
    removeDraftsOf('u', [local, session]);
    expect(local.length).toBe(0);
    expect(session.key(0)).toBe(draftKey('w', 'x', 'p1'));
    expect(session.length).toBe(1);
  });
});

describe('drafts', () => {
  it('are kept per user and position, read back, and removed', () => {
    const storage = memoryStorage();
    const key = draftKey('user-1', 'me', 'p1');
    const draft: Draft = {
      values: toFormValues(position),
      baseValues: toFormValues(position),
      savedAt: '2026-11-27T08:00:00Z',
      reason: 'typing',
    };
    saveDraft(storage, key, draft);
    expect(draftKey('user-2', 'me', 'p1')).not.toBe(key);
    expect(loadDraft(storage, key)).toEqual(draft);
    removeDraft(storage, key);
    expect(loadDraft(storage, key)).toBeUndefined();
  });

  it('ignore what is unreadable, and go on sign-out for that user only', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('u', 'me', 'bad'), '{not json');
    storage.setItem(draftKey('u', 'me', 'shape'), JSON.stringify({ values: { detail: 1 } }));
    expect(loadDraft(storage, draftKey('u', 'me', 'bad'))).toBeUndefined();
    expect(loadDraft(storage, draftKey('u', 'me', 'shape'))).toBeUndefined();
    const values = toFormValues(position);
    saveDraft(storage, draftKey('other', 'me', 'p1'), {
      values,
      baseValues: values,
      savedAt: '',
      reason: 'typing',
    });
    storage.setItem('unrelated', 'x');
    removeDraftsOf('u', [storage]);
    expect(storage.length).toBe(2);
  });

  it('read back a draft from an older version with a field missing, as empty on both sides', () => {
    const storage = memoryStorage();
    const key = draftKey('u', 'me', 'p1');
    const values = toFormValues(position);
    const older = structuredClone(values) as unknown as { detail: Record<string, unknown> };
    delete older.detail.summary;
    storage.setItem(
      key,
      JSON.stringify({ values: older, baseValues: older, savedAt: 'x', reason: 'typing' }),
    );
    expect(loadDraft(storage, key)?.values).toEqual(values);
  });

  it.each([
    ['a value of the wrong type', { isCurrent: 'yes' }],
    ['categories that are not a list', { categories: 'audit' }],
    ['no detail at all', { detail: undefined }],
  ])('are unreadable with %s, and ignored', (_, change) => {
    const storage = memoryStorage();
    const key = draftKey('u', 'me', 'p1');
    const values = { ...toFormValues(position), ...change };
    storage.setItem(
      key,
      JSON.stringify({
        values,
        baseValues: toFormValues(position),
        savedAt: 'x',
        reason: 'typing',
      }),
    );
    expect(loadDraft(storage, key)).toBeUndefined();
  });

  it('are unreadable with an unknown reason or no time', () => {
    const storage = memoryStorage();
    const values = toFormValues(position);
    storage.setItem('a', JSON.stringify({ values, baseValues: values, savedAt: 'x', reason: 'x' }));
    storage.setItem('b', JSON.stringify({ values, baseValues: values, reason: 'typing' }));
    expect(loadDraft(storage, 'a')).toBeUndefined();
    expect(loadDraft(storage, 'b')).toBeUndefined();
  });

  it('restore only what the user changed, on top of what the server holds now', () => {
    const baseValues = toFormValues(position);
    const typed = toFormValues(position);
    typed.detail.jobTitle = 'Senior Auditor';
    const serverNow = toFormValues(position);
    serverNow.detail.company.department = 'Group Finance';
    const restored = applyDraft(
      { values: typed, baseValues, savedAt: '', reason: 'typing' },
      serverNow,
    );
    expect(restored.detail.jobTitle).toBe('Senior Auditor');
    expect(restored.detail.company.department).toBe('Group Finance');
  });
});
