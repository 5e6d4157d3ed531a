/**
 * Summary statistics for per-case scores and per-step timings, shared by the bench page
 * and the Node scripts so both report the same figures the same way.
 */
import { median } from '../eval/summary';

export { median };

/** Mean, median, minimum and maximum of a list; all NaN for an empty list. */
export interface Summary {
  mean: number;
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Summary of the finite entries of `values` (null, NaN and infinities are left out). */
export function summarize(values: readonly (number | null)[]): Summary {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) {
    return { mean: Number.NaN, median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  }
  return {
    mean: v.reduce((a, b) => a + b, 0) / v.length,
    median: median(v),
    min: Math.min(...v),
    max: Math.max(...v),
    n: v.length,
  };
}

/**
 * Median step time after dropping the first `warmup` steps, which pay for shader
 * compilation and kernel set-up; falls back to every step when no later step exists.
 */
export function steadyStepMs(stepMs: readonly number[], warmup: number): number {
  const later = stepMs.slice(Math.max(0, warmup));
  return median(later.length > 0 ? later : stepMs);
}
