import type { Position } from '../types';
import { presentText } from '../../../graph/graph-answer';

function monthYear(date: string, locale?: string): string {
  const [year, month] = date.split('-').map(Number);
  // Graph sends Edm.Date; anything else is shown as it came rather than breaking the list.
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) return date;
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** "Jan 2001 – Present", "Jun 1998 – Dec 2000", in the user's locale. */
export function formatPositionDates(position: Position, locale?: string): string {
  const start = position.detail?.startMonthYear;
  const end = position.detail?.endMonthYear;
  const from = start ? monthYear(start, locale) : 'Start date not set';
  const to = position.isCurrent ? 'Present' : end ? monthYear(end, locale) : 'End date not set';
  return `${from} – ${to}`;
}

/** "27 Nov 2026" style date of an ISO timestamp, in the user's locale. */
export function formatEditedDate(
  iso: string | null | undefined,
  locale?: string,
): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** "Last edited by Megan Bowen on 27 Nov 2026", when Graph says who and when. */
export function describeLastEdit(position: Position, locale?: string): string | undefined {
  const by =
    presentText(position.lastModifiedBy?.user?.displayName) ??
    presentText(position.lastModifiedBy?.application?.displayName);
  const on = formatEditedDate(position.lastModifiedDateTime, locale);
  if (!by && !on) return undefined;
  return `Last edited${by ? ` by ${by}` : ''}${on ? ` on ${on}` : ''}`;
}
