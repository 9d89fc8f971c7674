/*
 * Dates as real tenants hold them (graph-profile-api.md, "Data as real tenants hold it"):
 * Edm.Date `YYYY-MM-DD` by convention the first of the month, the "no value" sentinel
 * `0001-01-01`, timestamps `0001-01-01T00:00:00Z`, and now and then something unreadable.
 * Anything before the year 1000 is taken for the sentinel: no job history starts then, and
 * JavaScript would show years below 100 as 19xx.
 */

const EARLIEST_YEAR = 1000;

/** The month (1–12) and year of an Edm.Date; undefined for none, the sentinel, or anything unreadable. */
export function readMonthYear(
  date: string | null | undefined,
): { year: number; month: number } | undefined {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim()) : null;
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < EARLIEST_YEAR || month < 1 || month > 12) return undefined;
  return { year, month };
}

/** A timestamp as a Date; undefined for none, the sentinel `0001-01-01T00:00:00Z`, or anything unreadable. */
export function readTimestamp(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < EARLIEST_YEAR) return undefined;
  return date;
}

/** The first of a month as a Date in UTC, for formatting (years below 100 stay as they are). */
export function firstOfMonth(year: number, month: number): Date {
  const date = new Date(Date.UTC(2000, month - 1, 1));
  date.setUTCFullYear(year);
  return date;
}
