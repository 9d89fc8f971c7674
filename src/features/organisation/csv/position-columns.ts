import { AUDIENCE_OPTIONS, ADDRESS_TYPE_OPTIONS, type Position } from '../../positions/types';
import { DEFAULT_AUDIENCE, toFormValues } from '../../positions/utils/form-mapping';
import { graphPathOf, POSITION_FIELDS } from '../../positions/utils/position-fields';
import { validatePosition } from '../../positions/utils/validate-position';

/**
 * The CSV shape of positions, both ways: one row per position, the person's id and user
 * principal name, the position's id, and every property a client may write, each column
 * named by its Graph path (`detail.company.displayName`). Text as it is (empty for none),
 * `isCurrent` as true/false, dates as Graph's `YYYY-MM-DD` (an import also takes
 * `YYYY-MM`), categories separated by semicolons, colleagues as JSON.
 */
type ColumnKind =
  'text' | 'flag' | 'integer' | 'date' | 'categories' | 'json' | 'audience' | 'addressType';

interface Column {
  name: string;
  kind: ColumnKind;
}

const text = (name: string): Column => ({ name, kind: 'text' });

/** The columns that describe a position (after the three that say whose and which). */
export const POSITION_COLUMNS: readonly Column[] = [
  { name: 'isCurrent', kind: 'flag' },
  { name: 'allowedAudiences', kind: 'audience' },
  { name: 'categories', kind: 'categories' },
  text('detail.jobTitle'),
  text('detail.company.displayName'),
  text('detail.company.department'),
  text('detail.company.officeLocation'),
  text('detail.company.webUrl'),
  text('detail.company.pronunciation'),
  text('detail.company.companyCode'),
  text('detail.company.costCenter'),
  text('detail.company.division'),
  text('detail.company.secondaryDepartment'),
  text('detail.company.address.street'),
  text('detail.company.address.city'),
  text('detail.company.address.state'),
  text('detail.company.address.postalCode'),
  text('detail.company.address.countryOrRegion'),
  text('detail.company.address.postOfficeBox'),
  { name: 'detail.company.address.type', kind: 'addressType' },
  { name: 'detail.startMonthYear', kind: 'date' },
  { name: 'detail.endMonthYear', kind: 'date' },
  text('detail.description'),
  text('detail.summary'),
  text('detail.employeeId'),
  text('detail.employeeType'),
  { name: 'detail.layer', kind: 'integer' },
  text('detail.level'),
  text('detail.role'),
  text('detail.secondaryJobTitle'),
  text('detail.secondaryRole'),
  text('manager.displayName'),
  text('manager.userPrincipalName'),
  text('manager.userId'),
  { name: 'colleagues', kind: 'json' },
];

export const ID_COLUMNS = ['userId', 'userPrincipalName', 'positionId'] as const;
export const CSV_HEADER: readonly string[] = [
  ...ID_COLUMNS,
  ...POSITION_COLUMNS.map((c) => c.name),
];
const COLUMN_BY_NAME = new Map(POSITION_COLUMNS.map((column) => [column.name, column]));

const CATEGORY_SEPARATOR = ';';

function valueAt(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[key]
          : undefined,
      source,
    );
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] =
      typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function cell(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (column.kind) {
    case 'flag':
      return value === true ? 'true' : 'false';
    case 'categories':
      return Array.isArray(value) ? value.join(`${CATEGORY_SEPARATOR} `) : '';
    case 'json':
      return JSON.stringify(value);
    case 'integer':
      return typeof value === 'number' ? String(value) : '';
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

export interface PersonRef {
  id: string;
  userPrincipalName?: string | null;
}

/** One export row per position: a record keyed by CSV_HEADER. */
export function positionToRecord(person: PersonRef, position: Position): Record<string, string> {
  const record: Record<string, string> = {
    userId: person.id,
    userPrincipalName: person.userPrincipalName ?? '',
    positionId: position.id,
  };
  for (const column of POSITION_COLUMNS)
    record[column.name] = cell(column, valueAt(position, column.name));
  return record;
}

// --- import --------------------------------------------------------------------------

/** The position properties a row sets: Graph paths (as columns name them) → value. */
export type RowValues = Record<string, unknown>;

export interface ImportedRow {
  /** The line in the file (the header is line 1). */
  line: number;
  userId: string;
  userPrincipalName: string;
  /** Empty: a new position. */
  positionId: string;
  values: RowValues;
  /** What is wrong, in the form's words; a row with problems is never sent. */
  problems: string[];
}

const AUDIENCES = new Set<string>(AUDIENCE_OPTIONS.map((option) => option.value));
const ADDRESS_TYPES = new Set<string>(ADDRESS_TYPE_OPTIONS.map((option) => option.value));

/** A spreadsheet's guard against formulas ('=…) is taken off again. */
const unguard = (raw: string) => (/^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw);

function readCell(column: Column, raw: string, problems: string[]): unknown {
  const value = unguard(raw).trim();
  if (value === '') {
    if (column.kind === 'categories' || column.kind === 'json') return [];
    if (column.kind === 'flag') {
      problems.push(`${column.name}: enter true or false.`);
      return undefined;
    }
    return null;
  }
  switch (column.kind) {
    case 'text':
      return value;
    case 'flag':
      if (/^(true|yes|1)$/i.test(value)) return true;
      if (/^(false|no|0)$/i.test(value)) return false;
      problems.push(`${column.name}: enter true or false, not “${value}”.`);
      return undefined;
    case 'integer':
      if (/^-?\d{1,9}$/.test(value)) return Number(value);
      problems.push(`${column.name}: enter a whole number, not “${value}”.`);
      return undefined;
    case 'date': {
      const match = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/.exec(value);
      if (match) return `${match[1]}-${match[2]}-${match.at(3) ?? '01'}`;
      problems.push(`${column.name}: enter a month as YYYY-MM (or YYYY-MM-DD), not “${value}”.`);
      return undefined;
    }
    case 'categories':
      return value
        .split(CATEGORY_SEPARATOR)
        .map((category) => category.trim())
        .filter(Boolean);
    case 'json':
      try {
        const parsed: unknown = JSON.parse(value);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // reported below
      }
      problems.push(`${column.name}: enter a JSON list, like [{"displayName":"…"}].`);
      return undefined;
    case 'audience': {
      const parts = value.split(',').map((part) => part.trim());
      if (parts.every((part) => AUDIENCES.has(part))) return parts.join(',');
      problems.push(`allowedAudiences: “${value}” is not one of ${[...AUDIENCES].join(', ')}.`);
      return undefined;
    }
    case 'addressType':
      if (ADDRESS_TYPES.has(value)) return value;
      problems.push(
        `detail.company.address.type: “${value}” is not one of ${[...ADDRESS_TYPES].join(', ')}.`,
      );
      return undefined;
  }
}

/** The CSV column a form error is about (the form's fields name Graph paths). */
function columnOfFormError(errorPath: string): string | undefined {
  const field = POSITION_FIELDS.find(
    (candidate) => errorPath === candidate.path || errorPath.startsWith(`${candidate.path}.`),
  );
  return field ? graphPathOf(field) : undefined;
}

/** The position a row describes, over `base` (a fresh read) or nothing (a new position). */
export function applyRow(values: RowValues, base?: Position): Record<string, unknown> {
  const position = structuredClone((base ?? {}) as Record<string, unknown>);
  for (const [path, value] of Object.entries(values)) {
    // An empty cell over a value that is empty its own way ("" or null) keeps it as it was.
    if (base && isEmpty(value) && isEmpty(valueAt(base, path))) continue;
    setAt(position, path, value);
  }
  return position;
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length);

/** Graph's "no date" (positions from a directory sync), which the form reads as none. */
const NO_DATE = '0001-01-01';

/** A cell that gives the form no value: empty, an empty list, Graph's "no date". */
const givesNoValue = (value: unknown) =>
  value === null ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'string' && value.startsWith(NO_DATE));

/** Form errors as `column: message`, once each. */
function formProblems(errors: Record<string, string>, skip: (column: string) => boolean) {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [path, message] of Object.entries(errors)) {
    const column = columnOfFormError(path);
    if (!column || skip(column) || seen.has(message)) continue;
    seen.add(message);
    problems.push(`${column}: ${message}`);
  }
  return problems;
}

/**
 * What the form's rules say of an update once the position is read: only what the row
 * changes is judged (as the form judges an edit), so a value left as real data has it
 * (no dates, an empty company name) passes, and clearing one the form requires does not.
 */
export function updateProblems(wanted: Record<string, unknown>, fresh: Position): string[] {
  return formProblems(validatePosition(toFormValues(wanted), toFormValues(fresh)), () => false);
}

/**
 * One line of an imported file: its ids, the values of the columns the file has, and its
 * problems by the form's own rules (the field table and validatePosition). Only fields
 * whose columns the file has are checked; a new position (no positionId) must have what
 * the form requires of a new one. For an update, a cell without a value is judged once
 * the position is read (updateProblems): whether it changes anything is not known before.
 */
export function readImportRow(
  raw: Record<string, string | undefined>,
  header: readonly string[],
  line: number,
): ImportedRow {
  const problems: string[] = [];
  const get = (name: string) => unguard(raw[name] ?? '').trim();
  const userId = get('userId');
  const positionId = get('positionId');
  if (!userId) problems.push('userId: enter the person’s id (the export has it).');
  const values: RowValues = {};
  /** Columns whose cell is already reported: the form's rules do not repeat it. */
  const unreadable = new Set<string>();
  for (const name of header) {
    const column = COLUMN_BY_NAME.get(name);
    if (!column) continue;
    const value = readCell(column, raw[name] ?? '', problems);
    if (value !== undefined) values[name] = value;
    else unreadable.add(name);
  }
  const isNew = positionId === '';
  if (isNew && values.allowedAudiences === undefined) values.allowedAudiences = DEFAULT_AUDIENCE;
  if (isNew && values.isCurrent === undefined && !header.includes('isCurrent'))
    values.isCurrent = false;
  // The form's rules, on the position as the row has it.
  const asPosition = applyRow(values) as Partial<Position>;
  const present = new Set(Object.keys(values));
  problems.push(
    ...formProblems(
      validatePosition(toFormValues(asPosition)),
      (column) =>
        unreadable.has(column) ||
        (!isNew && (!present.has(column) || givesNoValue(values[column]))) ||
        // Whether an end applies depends on isCurrent: unknown when the row does not say.
        (column === 'detail.endMonthYear' && !('isCurrent' in values)),
    ),
  );
  return {
    line,
    userId,
    userPrincipalName: get('userPrincipalName'),
    positionId,
    values,
    problems,
  };
}

/** The header's problems: unknown columns, missing ids. Empty when it can be imported. */
export function checkHeader(header: readonly string[]): string[] {
  const problems: string[] = [];
  if (!header.includes('userId'))
    problems.push('The file has no userId column: export positions to see the shape it needs.');
  const unknown = header.filter((name) => name !== '' && !CSV_HEADER.includes(name));
  if (unknown.length > 0)
    problems.push(
      `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}. Columns are named as the export names them.`,
    );
  if (!header.some((name) => COLUMN_BY_NAME.has(name)))
    problems.push('The file has no column that describes a position.');
  return problems;
}
