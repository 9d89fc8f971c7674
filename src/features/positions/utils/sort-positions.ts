import type { Position } from '../types';

/** Current positions first, then by start date, newest first; undated ones last. */
export function sortPositions(positions: readonly Position[]): Position[] {
  return [...positions].sort((a, b) => {
    const current = Number(b.isCurrent === true) - Number(a.isCurrent === true);
    if (current !== 0) return current;
    const startA = a.detail?.startMonthYear ?? '';
    const startB = b.detail?.startMonthYear ?? '';
    if (startA !== startB) return startA < startB ? 1 : -1;
    return (a.detail?.jobTitle ?? '').localeCompare(b.detail?.jobTitle ?? '');
  });
}
