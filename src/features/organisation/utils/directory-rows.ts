import type { DirectoryPerson } from '../api/directory-queries';
import type { PositionSummary } from '../api/position-summaries';

export type ColumnKey = 'name' | 'jobTitle' | 'company' | 'department' | 'positions' | 'edited';

export const COLUMNS: readonly { key: ColumnKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'jobTitle', label: 'Job title' },
  { key: 'company', label: 'Company' },
  { key: 'department', label: 'Department' },
  { key: 'positions', label: 'Positions' },
  { key: 'edited', label: 'Last edited' },
];

export interface SortState {
  column: ColumnKey;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export const personName = (person: DirectoryPerson): string =>
  person.displayName ?? person.userPrincipalName ?? person.id;

/** Text with a value: trimmed, and empty as undefined (real directories hold ""). */
const present = (text: string | null | undefined) => (text?.trim() ? text.trim() : undefined);

/** What a row is sorted by; undefined sorts last (positions not read yet, values missing). */
function sortValue(
  column: ColumnKey,
  person: DirectoryPerson,
  summary: PositionSummary | undefined,
): string | number | undefined {
  switch (column) {
    case 'name':
      return personName(person);
    case 'jobTitle':
      return present(person.jobTitle);
    case 'company':
      return present(person.companyName);
    case 'department':
      return present(person.department);
    case 'positions':
      return summary?.state === 'loaded' ? summary.count : undefined;
    case 'edited':
      return summary?.state === 'loaded' ? summary.lastEditedAt : undefined;
  }
}

/** The rows in the order asked for; people without a value come last either way. */
export function sortRows(
  rows: readonly DirectoryPerson[],
  sort: SortState,
  summaryOf: (userId: string) => PositionSummary | undefined,
): DirectoryPerson[] {
  const keyed = rows.map((person) => ({
    person,
    value: sortValue(sort.column, person, summaryOf(person.id)),
  }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined)
      return a.value === b.value ? 0 : a.value === undefined ? 1 : -1;
    const order =
      typeof a.value === 'number' && typeof b.value === 'number'
        ? a.value - b.value
        : collator.compare(String(a.value), String(b.value));
    return order * sign;
  });
  return keyed.map(({ person }) => person);
}

/** Distinct values of a property among the rows, in order, for the filters' suggestions. */
export function distinctValues(
  rows: readonly DirectoryPerson[],
  property: 'department' | 'companyName' | 'jobTitle',
  limit = 200,
): string[] {
  const values = new Set<string>();
  for (const person of rows) {
    const value = person[property]?.trim();
    if (value) values.add(value);
    if (values.size >= limit) break;
  }
  return [...values].sort((a, b) => collator.compare(a, b));
}
