export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** max − min */
  spread: number;
  q1: number;
  q3: number;
  /** q3 − q1 */
  iqr: number;
  p95: number;
  mean: number;
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    spread: sorted.length ? sorted[sorted.length - 1] - sorted[0] : Number.NaN,
    q1,
    q3,
    iqr: q3 - q1,
    p95: quantile(sorted, 0.95),
    mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1),
  };
}

export const round = (value: number, digits = 1): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Rounds every number in a summary, for the JSON file. */
export const rounded = (summary: Summary, digits = 1): Summary =>
  Object.fromEntries(
    Object.entries(summary as unknown as Record<string, number>).map(([name, value]) => [
      name,
      name === 'n' ? value : round(value, digits),
    ]),
  ) as unknown as Summary;
