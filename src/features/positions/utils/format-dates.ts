import type { Position } from '../types';
import { presentText } from '../../../graph/graph-answer';
import { firstOfMonth, readMonthYear, readTimestamp } from './graph-dates';

/**
 * One formatter per locale and style: building an Intl.DateTimeFormat costs more than using
 * one (the page's first also loads locale data: public/intl-warm-up.js does that early).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, style: 'monthYear' | 'date'): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(
      locale,
      style === 'monthYear'
        ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
        : { dateStyle: 'medium' },
    );
    formatters.set(key, found);
  }
  return found;
}

/** "Jan 2001"; undefined for no date, the "no value" sentinel, or a date that cannot be read. */
function monthYear(date: string | null | undefined, locale?: string): string | undefined {
  const read = readMonthYear(date);
  if (!read) return undefined;
  return formatter(locale, 'monthYear').format(firstOfMonth(read.year, read.month));
}

/**
 * "Jan 2001 – Present", "Jun 1998 – Dec 2000", in the user's locale. A missing, sentinel
 * (`0001-01-01`) or unreadable date reads "No start date" / "No end date".
 */
export function formatPositionDates(position: Position, locale?: string): string {
  const from = monthYear(position.detail?.startMonthYear, locale) ?? 'No start date';
  const to = position.isCurrent
    ? 'Present'
    : (monthYear(position.detail?.endMonthYear, locale) ?? 'No end date');
  return `${from} – ${to}`;
}

/** "27 Nov 2026" style date of an ISO timestamp, in the user's locale; nothing for the sentinel. */
export function formatEditedDate(
  iso: string | null | undefined,
  locale?: string,
): string | undefined {
  const date = readTimestamp(iso);
  if (!date) return undefined;
  return formatter(locale, 'date').format(date);
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
