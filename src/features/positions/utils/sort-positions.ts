import type { Position } from '../types';
import { readMonthYear } from './graph-dates';

const monthKey = (date: string | null | undefined): number => {
  const read = readMonthYear(date);
  return read ? read.year * 12 + read.month : -1;
};

/** Current positions first, then by start date, newest first; undated ones last. */
export function sortPositions(positions: readonly Position[]): Position[] {
  return [...positions].sort((a, b) => {
    const current = Number(b.isCurrent === true) - Number(a.isCurrent === true);
    if (current !== 0) return current;
    // Undated: none, the "no value" sentinel, or a date that cannot be read.
    const startA = monthKey(a.detail?.startMonthYear);
    const startB = monthKey(b.detail?.startMonthYear);
    if (startA !== startB) return startB - startA;
    return (a.detail?.jobTitle ?? '').localeCompare(b.detail?.jobTitle ?? '');
  });
}
