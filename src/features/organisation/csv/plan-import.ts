import type { Position } from '../../positions/types';
import type { PersonPlan } from '../bulk/plan';
import { positionLabel } from '../bulk/plan';
import { applyRow, updateProblems, type ImportedRow } from './position-columns';

/** The top-level properties an import writes (what a PATCH may carry). */
const WRITABLE = ['isCurrent', 'allowedAudiences', 'categories', 'detail', 'manager', 'colleagues'];

/** Not set, as Graph keeps it: null, missing, "", an empty list, an object of such members. */
function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isBlank);
  return false;
}

/** The same value as Graph keeps it: every kind of "not set" alike; text compared trimmed. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    return [...new Set([...Object.keys(left), ...Object.keys(right)])].every((key) =>
      sameValue(left[key], right[key]),
    );
  }
  return a === b;
}

/** Two positions that are the same job: a new row that matches one is there already. */
function sameJob(a: Record<string, unknown>, b: Position): boolean {
  const detail = a.detail as Position['detail'];
  return (
    sameValue(detail?.jobTitle, b.detail?.jobTitle) &&
    sameValue(detail?.company?.displayName, b.detail?.company?.displayName) &&
    sameValue(detail?.startMonthYear, b.detail?.startMonthYear) &&
    sameValue(detail?.endMonthYear, b.detail?.endMonthYear) &&
    sameValue(a.isCurrent, b.isCurrent)
  );
}

/** Only what a client may send: the row's writable properties, whole. */
function createBody(position: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    WRITABLE.filter((name) => position[name] !== undefined).map((name) => [name, position[name]]),
  );
}

/**
 * What an import sends for one person, from a fresh read of their positions: for a row
 * with a position id, a PATCH of the top-level properties that the row changes (each
 * whole, built from the fresh read with the row's columns laid over it); for a row
 * without one, a POST, unless the person already has that position (same title, company,
 * dates and current flag), which is also how a create whose answer was lost is found.
 */
export function planImport(
  rows: readonly ImportedRow[],
  positions: readonly Position[],
): PersonPlan {
  const plan: PersonPlan = { writes: [], skips: [] };
  for (const row of rows) {
    if (row.positionId) {
      const fresh = positions.find((position) => position.id === row.positionId);
      if (!fresh) {
        plan.skips.push({
          positionId: row.positionId,
          label: `Line ${row.line}`,
          reason: 'This person has no position with this id (deleted since the export?).',
          alreadyDone: false,
          problem: true,
          rowNumber: row.line,
        });
        continue;
      }
      const wanted = applyRow(row.values, fresh);
      const body = Object.fromEntries(
        WRITABLE.filter(
          (name) =>
            name in row.values ||
            Object.keys(row.values).some((path) => path.startsWith(`${name}.`)),
        )
          .filter((name) => !sameValue(wanted[name], (fresh as Record<string, unknown>)[name]))
          .map((name) => [name, wanted[name]]),
      );
      const label = positionLabel(fresh);
      const problems = Object.keys(body).length > 0 ? updateProblems(wanted, fresh) : [];
      if (problems.length > 0)
        plan.skips.push({
          positionId: fresh.id,
          label,
          reason: `Not changed, by the form’s rules: ${problems.join(' ')}`,
          alreadyDone: false,
          problem: true,
          rowNumber: row.line,
        });
      else if (Object.keys(body).length === 0)
        plan.skips.push({
          positionId: fresh.id,
          label,
          reason: 'It is already as the file has it.',
          alreadyDone: true,
          rowNumber: row.line,
        });
      else
        plan.writes.push({
          kind: 'update',
          positionId: fresh.id,
          label,
          body,
          rowNumber: row.line,
        });
      continue;
    }
    const wanted = applyRow(row.values);
    const label = positionLabel(wanted);
    if (positions.some((position) => sameJob(wanted, position)))
      plan.skips.push({
        label,
        reason: 'They already have this position.',
        alreadyDone: true,
        rowNumber: row.line,
      });
    else plan.writes.push({ kind: 'create', label, body: createBody(wanted), rowNumber: row.line });
  }
  return plan;
}
