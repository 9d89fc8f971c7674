import { describe, expect, it } from 'vitest';
import { sameValue } from '../../../src/features/positions/utils/same-value';

describe('sameValue', () => {
  it('compares primitives strictly', () => {
    expect(sameValue('a', 'a')).toBe(true);
    expect(sameValue(1, 1)).toBe(true);
    expect(sameValue(true, true)).toBe(true);
    expect(sameValue('a', 'b')).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(0, false)).toBe(false);
    expect(sameValue('', null)).toBe(false);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(false, undefined)).toBe(false);
  });

  it('treats null and undefined as the same', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(null, null)).toBe(true);
  });

  it('treats a missing member and a null one as the same', () => {
    expect(sameValue({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 'x' })).toBe(false);
    expect(sameValue({ a: 1, b: 0 }, { a: 1 })).toBe(false);
  });

  it('compares arrays item by item, in order', () => {
    expect(sameValue([1, 'a', null], [1, 'a', undefined])).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue([], [])).toBe(true);
  });

  it('does not equate an array with an object or null', () => {
    expect(sameValue([], {})).toBe(false);
    expect(sameValue({}, [])).toBe(false);
    expect(sameValue({ 0: 'a', length: 1 }, ['a'])).toBe(false);
    expect(sameValue([], null)).toBe(false);
    expect(sameValue({}, null)).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });

  it('compares nested objects deeply', () => {
    const a = {
      detail: {
        jobTitle: 'Auditor',
        company: { displayName: 'Contoso', address: { city: 'Pittsburgh', street: null } },
      },
      categories: ['x'],
    };
    const b = {
      categories: ['x'],
      detail: {
        company: { address: { city: 'Pittsburgh' }, displayName: 'Contoso' },
        jobTitle: 'Auditor',
      },
    };
    expect(sameValue(a, b)).toBe(true);
    expect(
      sameValue(a, {
        ...b,
        detail: { ...b.detail, company: { ...b.detail.company, address: { city: 'Redmond' } } },
      }),
    ).toBe(false);
    expect(sameValue([{ a: null }], [{}])).toBe(true);
    expect(sameValue([{ a: 1 }], [{ a: 2 }])).toBe(false);
  });

  it('sees an empty object and a null as different', () => {
    expect(sameValue({ company: {} }, { company: null })).toBe(false);
  });
});
