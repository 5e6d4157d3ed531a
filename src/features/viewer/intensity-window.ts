/**
 * Automatic display window for MR images, whose intensities have no fixed scale: the
 * 1st-99th percentile range ignores the few very bright voxels (vessels, fat, coil
 * hot spots) that would otherwise leave the prostate dark grey.
 */
import type { IntensityWindow } from './types';

const BINS = 4096;

/**
 * Finds the value of the given rank among the finite values in [lo, hi) by histogram,
 * refining once inside the bin that holds it: a few passes over the data instead of a
 * sort, and a resolution of (hi - lo) / 4096² even when outliers stretch the range.
 */
function valueAtRank(data: Float32Array, rank: number, lo: number, hi: number, depth = 0): number {
  const scale = BINS / (hi - lo);
  const hist = new Uint32Array(BINS);
  let below = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v) || v >= hi) continue;
    if (v < lo) below++;
    else hist[Math.min(BINS - 1, Math.floor((v - lo) * scale))]++;
  }
  let seen = below;
  for (let b = 0; b < BINS; b++) {
    if (seen + hist[b] > rank) {
      const binLo = lo + b / scale;
      const binHi = lo + (b + 1) / scale;
      if (depth > 0 || binHi <= binLo) return binLo;
      return valueAtRank(data, rank, binLo, binHi, depth + 1);
    }
    seen += hist[b];
  }
  return hi;
}

/**
 * Percentile window of the finite values (nearest-rank percentiles).
 * @param lowPct lower percentile, 0-100
 * @param highPct upper percentile, 0-100
 */
export function autoWindow(data: Float32Array, lowPct = 1, highPct = 99): IntensityWindow {
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    n++;
  }
  if (n === 0) return { min: 0, max: 1 };
  if (hi === lo) return { min: lo, max: lo + 1 };
  // The top edge is exclusive inside valueAtRank; nudge it so the maximum is counted.
  const top = hi + (hi - lo) * 1e-6;
  const rankOf = (pct: number) => Math.min(n - 1, Math.floor((pct / 100) * (n - 1)));
  const min = valueAtRank(data, rankOf(lowPct), lo, top);
  const max = valueAtRank(data, rankOf(highPct), lo, top);
  return max > min ? { min, max } : { min, max: min + 1 };
}

/** Sanitises a window typed by the user: numbers only, and max above min. */
export function clampWindow(w: IntensityWindow, fallback: IntensityWindow): IntensityWindow {
  const min = Number.isFinite(w.min) ? w.min : fallback.min;
  const max = Number.isFinite(w.max) ? w.max : fallback.max;
  return max > min ? { min, max } : { min, max: min + Math.max(1e-6, Math.abs(min) * 1e-6) };
}
