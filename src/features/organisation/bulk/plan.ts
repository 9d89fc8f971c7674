import type { Position, PositionDetail } from '../../positions/types';
import { TEXT_TARGETS, type BulkChange } from './change';

/** One request a bulk job will send for a person. */
export interface PlannedWrite {
  kind: 'update' | 'create';
  /** The position changed (updates). */
  positionId?: string;
  /** The position in words, "Sales Manager at Contoso". */
  label: string;
  /** The exact body: only the top-level properties that change, `detail` whole. */
  body: Record<string, unknown>;
  /** The line of an imported file it comes from. */
  rowNumber?: number;
}

export interface PlannedSkip {
  positionId?: string;
  label: string;
  reason: string;
  /** The position already is as the change wants it (so a write in doubt did happen, or was not needed). */
  alreadyDone: boolean;
  /** Not a choice but a failure: what the person asked for cannot be done (a position gone). */
  problem?: boolean;
  rowNumber?: number;
}

export interface PersonPlan {
  writes: PlannedWrite[];
  skips: PlannedSkip[];
}

/** Graph's "no date" (real tenants' positions from the directory). */
const NO_DATE = '0001-01-01';

const norm = (text: string | null | undefined) => (text ?? '').trim();
const sameWords = (a: string | null | undefined, b: string | null | undefined) =>
  norm(a).toLocaleLowerCase('en') === norm(b).toLocaleLowerCase('en');

/** "Sales Manager at Contoso", as the app names positions. */
export function positionLabel(position: Pick<Position, 'detail'>): string {
  const title = norm(position.detail?.jobTitle) || 'Untitled position';
  const company = norm(position.detail?.company?.displayName);
  return company ? `${title} at ${company}` : title;
}

/**
 * A `detail` that changes, sent whole: Graph may replace a complex value wholesale, so
 * every member of the fresh read goes back as it was, and Graph requires a job title in a
 * detail it is sent.
 */
function detailProblem(position: Position): string | undefined {
  if (!norm(position.detail?.jobTitle))
    return 'It has no job title, which Microsoft Graph requires when a position’s details change. Give it one in its form first.';
  return undefined;
}

function withCompanyMember(
  detail: PositionDetail | null | undefined,
  member: string,
  value: string,
): PositionDetail {
  const current = detail ?? {};
  return { ...current, company: { ...(current.company ?? {}), [member]: value } };
}

/** What `change` does to one current position: a body to send, or why nothing is sent. */
function planPosition(
  change: BulkChange,
  position: Position,
): { body: Record<string, unknown> } | { reason: string; alreadyDone: boolean } {
  switch (change.kind) {
    case 'setText':
    case 'replaceText': {
      const { member, label } = TEXT_TARGETS[change.target];
      const company = position.detail?.company as
        Record<string, string | null | undefined> | null | undefined;
      const now = company?.[member];
      const value = change.value.trim();
      if (norm(now) === value)
        return { reason: `${label} is already “${value}”.`, alreadyDone: true };
      if (change.kind === 'replaceText' && !sameWords(now, change.from))
        return {
          reason: norm(now)
            ? `${label} is “${norm(now)}”, not “${change.from.trim()}”.`
            : `${label} is empty, not “${change.from.trim()}”.`,
          alreadyDone: false,
        };
      const problem = detailProblem(position);
      if (problem) return { reason: problem, alreadyDone: false };
      return { body: { detail: withCompanyMember(position.detail, member, value) } };
    }
    case 'setAudience':
      if (position.allowedAudiences === change.value)
        return { reason: 'It already has this visibility.', alreadyDone: true };
      return { body: { allowedAudiences: change.value } };
    case 'addCategory': {
      const categories = position.categories ?? [];
      const value = change.value.trim();
      if (categories.some((category) => sameWords(category, value)))
        return { reason: `It already has the category “${value}”.`, alreadyDone: true };
      return { body: { categories: [...categories, value] } };
    }
    case 'removeCategory': {
      const categories = position.categories ?? [];
      const kept = categories.filter((category) => !sameWords(category, change.value));
      if (kept.length === categories.length)
        return {
          reason: `It has no category “${change.value.trim()}”.`,
          alreadyDone: true,
        };
      return { body: { categories: kept } };
    }
    case 'endCurrent': {
      const end = `${change.month}-01`;
      const start = position.detail?.startMonthYear;
      if (start && start !== NO_DATE && start.slice(0, 7) > change.month)
        return {
          reason: `It starts in ${start.slice(0, 7)}, after the end chosen (${change.month}).`,
          alreadyDone: false,
        };
      const problem = detailProblem(position);
      if (problem) return { reason: problem, alreadyDone: false };
      return {
        body: { isCurrent: false, detail: { ...(position.detail ?? {}), endMonthYear: end } },
      };
    }
  }
}

/**
 * What a bulk change sends for one person, from a fresh read of their positions: for each
 * current position, the PATCH body with only the change applied (only the top-level
 * properties that change; a changed `detail` whole, every member as read), or why it is
 * skipped. Planning again after the change went through finds nothing to send: that is
 * how a write whose answer was lost is recognised, never sent twice.
 */
export function planChange(change: BulkChange, positions: readonly Position[]): PersonPlan {
  const plan: PersonPlan = { writes: [], skips: [] };
  const current = positions.filter((position) => position.isCurrent === true);
  if (current.length === 0) {
    // Ending current positions that are no longer current is done already.
    plan.skips.push({
      label: 'No current position',
      reason: 'They have no current position.',
      alreadyDone: change.kind === 'endCurrent',
    });
    return plan;
  }
  for (const position of current) {
    const label = positionLabel(position);
    const outcome = planPosition(change, position);
    if ('body' in outcome)
      plan.writes.push({ kind: 'update', positionId: position.id, label, body: outcome.body });
    else
      plan.skips.push({
        positionId: position.id,
        label,
        reason: outcome.reason,
        alreadyDone: outcome.alreadyDone,
      });
  }
  return plan;
}
