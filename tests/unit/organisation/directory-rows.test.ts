import { describe, expect, it } from 'vitest';
import type { DirectoryPerson } from '../../../src/features/organisation/api/directory-queries';
import {
  summarise,
  type PositionSummary,
} from '../../../src/features/organisation/api/position-summaries';
import { distinctValues, sortRows } from '../../../src/features/organisation/utils/directory-rows';
import type { Position } from '../../../src/features/positions/types';

const person = (id: string, fields: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id,
  displayName: `Person ${id}`,
  ...fields,
});

const ids = (rows: readonly DirectoryPerson[]) => rows.map((row) => row.id);

describe('summarise (what the table shows of a person’s positions)', () => {
  it('counts positions, knows whether one is current, and names the latest real edit', () => {
    const positions: Position[] = [
      {
        id: 'a',
        isCurrent: false,
        lastModifiedDateTime: '2024-03-01T10:00:00Z',
        lastModifiedBy: { user: { displayName: 'Megan Bowen' } },
      },
      {
        id: 'b',
        isCurrent: false,
        // A directory sync's "no value" timestamp is no edit at all.
        lastModifiedDateTime: '0001-01-01T00:00:00Z',
        lastModifiedBy: { application: { displayName: 'AAD' } },
      },
      {
        id: 'c',
        isCurrent: false,
        lastModifiedDateTime: '2025-06-02T08:00:00Z',
        lastModifiedBy: { application: { displayName: 'UPA' } },
      },
    ];
    expect(summarise(positions)).toEqual({
      state: 'loaded',
      count: 3,
      hasCurrent: false,
      lastEditedBy: 'UPA',
      lastEditedAt: '2025-06-02T08:00:00Z',
    });
    expect(summarise([{ ...positions[0], isCurrent: true }])).toMatchObject({ hasCurrent: true });
    expect(summarise([])).toEqual({
      state: 'loaded',
      count: 0,
      hasCurrent: false,
      lastEditedBy: undefined,
      lastEditedAt: undefined,
    });
  });
});

describe('sortRows', () => {
  const rows = [
    person('1', { displayName: 'Zoë Ng', department: 'Sales' }),
    person('2', { displayName: 'adele Vance', department: '' }),
    person('3', { displayName: 'Ben Ito', department: 'hr' }),
    person('4', { displayName: 'Person 10', department: 'Finance' }),
    person('5', { displayName: 'Person 9', department: null }),
  ];

  it('sorts names as people read them (any case, numbers by value)', () => {
    expect(ids(sortRows(rows, { column: 'name', direction: 'asc' }, () => undefined))).toEqual([
      '2',
      '3',
      '5',
      '4',
      '1',
    ]);
    expect(ids(sortRows(rows, { column: 'name', direction: 'desc' }, () => undefined))).toEqual([
      '1',
      '4',
      '5',
      '3',
      '2',
    ]);
  });

  it('puts people without a value last, in both directions', () => {
    expect(
      ids(sortRows(rows, { column: 'department', direction: 'asc' }, () => undefined)),
    ).toEqual(['4', '3', '1', '2', '5']);
    expect(
      ids(sortRows(rows, { column: 'department', direction: 'desc' }, () => undefined)),
    ).toEqual(['1', '3', '4', '2', '5']);
  });

  it('sorts by positions once they are read; the rest wait at the end', () => {
    const summaries = new Map<string, PositionSummary>([
      ['1', { state: 'loaded', count: 3, hasCurrent: true }],
      ['2', { state: 'loaded', count: 1, hasCurrent: false }],
      ['3', { state: 'failed', message: 'Could not read' }],
      ['4', { state: 'loaded', count: 5, hasCurrent: true }],
    ]);
    expect(
      ids(sortRows(rows, { column: 'positions', direction: 'desc' }, (id) => summaries.get(id))),
    ).toEqual(['4', '1', '2', '3', '5']);
  });
});

describe('distinctValues', () => {
  it('offers each value once, trimmed and sorted, without empty ones', () => {
    const rows = [
      person('1', { department: ' Sales ' }),
      person('2', { department: 'Finance' }),
      person('3', { department: 'Sales' }),
      person('4', { department: '' }),
      person('5', { department: null }),
    ];
    expect(distinctValues(rows, 'department')).toEqual(['Finance', 'Sales']);
  });
});
