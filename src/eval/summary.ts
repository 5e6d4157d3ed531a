/**
 * Summaries of a score over many cases (or slices) in the form the literature reports
 * them: mean, median and maximum (seed 001's table), with the minimum and the count.
 * Undefined scores (null: a surface distance with one empty mask) are left out and
 * counted apart, so a reader sees how many cases a mean stands on.
 */

export interface Summary {
  mean: number | null;
  median: number | null;
  max: number | null;
  min: number | null;
  /** Values that entered the summary. */
  n: number;
  /** Values left out because they were undefined (null or not finite). */
  missing: number;
}

/** Median of `values` (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Mean, median, max and min of the finite values; all null when there is none. */
export function summarize(values: readonly (number | null)[]): Summary {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  const missing = values.length - v.length;
  if (v.length === 0) return { mean: null, median: null, max: null, min: null, n: 0, missing };
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const x of v) {
    sum += x;
    if (x > max) max = x;
    if (x < min) min = x;
  }
  return { mean: sum / v.length, median: median(v), max, min, n: v.length, missing };
}
