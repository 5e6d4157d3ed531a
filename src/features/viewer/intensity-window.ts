/**
 * Automatic display window for MR images, whose intensities have no fixed scale: the
 * 1st-99th percentile range ignores the few very bright voxels (vessels, fat, coil
 * hot spots) that would otherwise leave the prostate dark grey.
 */
import type { IntensityWindow } from './types';
import { percentileRange } from '../../io/percentiles';

/**
 * Percentile window of the finite values (nearest-rank percentiles).
 * @param lowPct lower percentile, 0-100
 * @param highPct upper percentile, 0-100
 */
export function autoWindow(data: Float32Array, lowPct = 1, highPct = 99): IntensityWindow {
  const r = percentileRange(data, lowPct, highPct);
  if (!r) return { min: 0, max: 1 };
  return r.max > r.min ? r : { min: r.min, max: r.min + 1 };
}

/** Sanitises a window typed by the user: numbers only, and max above min. */
export function clampWindow(w: IntensityWindow, fallback: IntensityWindow): IntensityWindow {
  const min = Number.isFinite(w.min) ? w.min : fallback.min;
  const max = Number.isFinite(w.max) ? w.max : fallback.max;
  return max > min ? { min, max } : { min, max: min + Math.max(1e-6, Math.abs(min) * 1e-6) };
}
