import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/features/positions/types';
import { sortPositions } from '../../../src/features/positions/utils/sort-positions';
import { readMonthYear } from '../../../src/features/positions/utils/graph-dates';
import { positionArb } from './arbitraries';

const position = (
  id: string,
  start: string | null,
  isCurrent: boolean | null = false,
  jobTitle: string | null = id,
): Position => ({
  id,
  isCurrent,
  detail: { jobTitle, startMonthYear: start },
});
const ids = (positions: Position[]) => positions.map((p) => p.id);

describe('sortPositions', () => {
  it('puts current positions first, whatever their start', () => {
    const sorted = sortPositions([
      position('past-new', '2020-01-01'),
      position('current-old', '1999-01-01', true),
      position('past-old', '1990-01-01'),
    ]);
    expect(ids(sorted)).toEqual(['current-old', 'past-new', 'past-old']);
  });

  it('orders by start date, newest first, within current and within past', () => {
    const sorted = sortPositions([
      position('p2001', '2001-01-01'),
      position('c2010', '2010-05-01', true),
      position('p2005', '2005-03-01'),
      position('c2015', '2015-01-01', true),
      position('p2005-later', '2005-11-01'),
    ]);
    expect(ids(sorted)).toEqual(['c2015', 'c2010', 'p2005-later', 'p2005', 'p2001']);
  });

  it('puts undated positions last among equals (and after dated ones in their group)', () => {
    const sorted = sortPositions([
      position('undated-current', null, true),
      position('dated-past', '2001-01-01'),
      { id: 'no-detail', isCurrent: false },
      position('dated-current', '1995-01-01', true),
      position('undated-past', null),
    ]);
    expect(ids(sorted)).toEqual([
      'dated-current',
      'undated-current',
      'dated-past',
      'no-detail',
      'undated-past',
    ]);
  });

  it('treats isCurrent null or missing as not current', () => {
    const sorted = sortPositions([
      position('null', '2020-01-01', null),
      { id: 'missing', detail: { startMonthYear: '2021-01-01' } },
      position('current', '1990-01-01', true),
    ]);
    expect(ids(sorted)).toEqual(['current', 'missing', 'null']);
  });

  it('breaks ties of currency and start by job title, and keeps the input order for equal titles', () => {
    const sorted = sortPositions([
      position('zeta', '2001-01-01', false, 'Zeta'),
      position('alpha-2', '2001-01-01', false, 'Alpha'),
      position('beta', '2001-01-01', false, 'beta'),
      position('alpha-1', '2001-01-01', false, 'Alpha'),
      position('untitled', '2001-01-01', false, null),
    ]);
    expect(ids(sorted)).toEqual(['untitled', 'alpha-2', 'alpha-1', 'beta', 'zeta']);
  });

  it('does not mutate its input, and returns a new array', () => {
    const input = [position('a', '1990-01-01'), position('b', '2020-01-01', true)];
    const snapshot = structuredClone(input);
    const sorted = sortPositions(input);
    expect(input).toEqual(snapshot);
    expect(ids(input)).toEqual(['a', 'b']);
    expect(sorted).not.toBe(input);
    expect(sorted[0]).toBe(input[1]);
  });

  it('returns an empty array for no positions', () => {
    expect(sortPositions([])).toEqual([]);
  });

  const monthOf = (position: Position): string => {
    const read = readMonthYear(position.detail?.startMonthYear);
    return read ? `${read.year}-${String(read.month).padStart(2, '0')}` : '';
  };

  it('property: is a permutation, current ones precede the rest, and starts never increase within a group', () => {
    fc.assert(
      fc.property(fc.array(positionArb, { maxLength: 12 }), (positions) => {
        const sorted = sortPositions(positions);
        expect(sorted).toHaveLength(positions.length);
        expect(new Set(sorted)).toEqual(new Set(positions));
        const firstPast = sorted.findIndex((p) => p.isCurrent !== true);
        if (firstPast >= 0)
          expect(sorted.slice(firstPast).every((p) => p.isCurrent !== true)).toBe(true);
        for (let i = 1; i < sorted.length; i++) {
          if ((sorted[i - 1].isCurrent === true) !== (sorted[i].isCurrent === true)) continue;
          // By month; none, the sentinel and unreadable dates count as undated (last).
          const before = monthOf(sorted[i - 1]);
          const after = monthOf(sorted[i]);
          if (after) expect(before >= after, `${before} then ${after}`).toBe(true);
          if (!before) expect(after).toBe('');
        }
      }),
    );
  });

  it('property: sorting is idempotent', () => {
    fc.assert(
      fc.property(fc.array(positionArb, { maxLength: 12 }), (positions) => {
        const once = sortPositions(positions);
        expect(sortPositions(once)).toEqual(once);
      }),
    );
  });
});
