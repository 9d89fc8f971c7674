import { describe, expect, it } from 'vitest';
import { changedPaths, valueAtPath } from '../../../src/features/positions/utils/changed-paths';
import { toFormValues } from '../../../src/features/positions/utils/form-mapping';

const base = () =>
  toFormValues({
    id: 'p1',
    isCurrent: false,
    categories: ['Finance', 'Audit'],
    allowedAudiences: 'organization',
    detail: {
      jobTitle: 'Auditor',
      startMonthYear: '2001-01-01',
      company: { displayName: 'Contoso', address: { city: 'Pittsburgh' } },
    },
  });

describe('changedPaths', () => {
  it('finds nothing between equal values (even distinct objects)', () => {
    expect(changedPaths(base(), base())).toEqual([]);
  });

  it('names the dotted path of each changed leaf', () => {
    const after = base();
    after.detail.jobTitle = 'Senior Auditor';
    after.detail.company.address.city = 'Redmond';
    after.detail.start.month = '2';
    after.isCurrent = true;
    expect(changedPaths(base(), after).sort()).toEqual([
      'detail.company.address.city',
      'detail.jobTitle',
      'detail.start.month',
      'isCurrent',
    ]);
  });

  it('treats arrays as leaves: a changed item names the array, not the index', () => {
    const after = base();
    after.categories = ['Finance', 'Tax'];
    expect(changedPaths(base(), after)).toEqual(['categories']);
  });

  it('notices arrays of different length and order', () => {
    const longer = base();
    longer.categories.push('Tax');
    expect(changedPaths(base(), longer)).toEqual(['categories']);
    const reordered = base();
    reordered.categories.reverse();
    expect(changedPaths(base(), reordered)).toEqual(['categories']);
  });

  it('sees an array with the same items as unchanged', () => {
    const after = base();
    after.categories = [...after.categories];
    expect(changedPaths(base(), after)).toEqual([]);
  });

  it('names keys present on only one side', () => {
    expect(changedPaths({ a: 1 }, { a: 1, b: 2 })).toEqual(['b']);
    expect(changedPaths({ a: { x: 1, y: 2 } }, { a: { x: 1 } })).toEqual(['a.y']);
  });

  it('names an object replaced by a primitive or null as the object path', () => {
    expect(changedPaths({ a: { x: 1 } }, { a: null })).toEqual(['a']);
    expect(changedPaths({ a: { x: 1 } }, { a: [1] })).toEqual(['a']);
  });

  it('uses the prefix it is given', () => {
    expect(changedPaths({ x: 1 }, { x: 2 }, 'root')).toEqual(['root.x']);
  });
});

describe('valueAtPath', () => {
  it('reads nested values by dotted path', () => {
    const values = base();
    expect(valueAtPath(values, 'detail.jobTitle')).toBe('Auditor');
    expect(valueAtPath(values, 'detail.company.address.city')).toBe('Pittsburgh');
    expect(valueAtPath(values, 'detail.start')).toEqual({ month: '1', year: '2001' });
    expect(valueAtPath(values, 'categories')).toEqual(['Finance', 'Audit']);
    expect(valueAtPath(values, 'isCurrent')).toBe(false);
  });

  it('gives undefined for a path that does not exist, including through null', () => {
    expect(valueAtPath(base(), 'detail.nope.deeper')).toBeUndefined();
    expect(valueAtPath({ a: null }, 'a.b')).toBeUndefined();
    expect(valueAtPath(undefined, 'a')).toBeUndefined();
  });

  it('reads back every path changedPaths reports', () => {
    const after = base();
    after.detail.company.displayName = 'Fabrikam';
    after.detail.end = { month: '5', year: '2004' };
    after.categories = [];
    for (const path of changedPaths(base(), after)) {
      expect(valueAtPath(after, path)).not.toEqual(valueAtPath(base(), path));
    }
    expect(valueAtPath(after, 'detail.end.year')).toBe('2004');
  });
});
