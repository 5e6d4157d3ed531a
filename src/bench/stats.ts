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

/** A progress report as the bench sees it: its step and the engine's counts then. */
export interface CountedReport {
  step: number;
  transfers: { readbacks: number; programs: number } | null;
}

/** Read-backs per step and programs compiled after the warm-up steps of a run. */
export interface TransferStats {
  /** Read-backs per step over the steps after warm-up (the progress reports' own included). */
  readbacksPerStep: number;
  /** Programs compiled between the end of warm-up and the last report. */
  newPrograms: number;
  /** Programs the backend holds at the last report. */
  programs: number;
}

/**
 * Transfer figures of the steps after the first `warmup`, from cumulative counts at the
 * progress reports; null without counts or without a report at or after the warm-up's
 * end and a later one.
 */
export function transferStats(
  reports: readonly CountedReport[],
  warmup: number,
): TransferStats | null {
  const counted = reports.filter(
    (r): r is CountedReport & { transfers: NonNullable<CountedReport['transfers']> } =>
      r.transfers !== null,
  );
  const from = counted.find((r) => r.step >= Math.max(1, warmup));
  const to = counted.at(-1);
  if (!from || !to || to.step <= from.step) return null;
  return {
    readbacksPerStep: (to.transfers.readbacks - from.transfers.readbacks) / (to.step - from.step),
    newPrograms: to.transfers.programs - from.transfers.programs,
    programs: to.transfers.programs,
  };
}
