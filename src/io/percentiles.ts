/**
 * Percentiles of large volumes without sorting: MR intensities have no fixed scale and a
 * few very bright voxels (vessels, fat, endorectal-coil hot spots) can be orders of
 * magnitude above the tissue, so both display windows and normalization use percentiles.
 */

const BINS = 4096;

/**
 * Finds the value of the given rank among the finite values in [lo, hi) by histogram,
 * refining once inside the bin that holds it: a few passes over the data instead of a
 * sort, and a resolution of (hi - lo) / 4096² even when outliers stretch the range.
 */
function valueAtRank(
  data: ArrayLike<number>,
  rank: number,
  lo: number,
  hi: number,
  depth = 0,
): number {
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
 * Nearest-rank percentiles of the finite values; null when there are none.
 * @param lowPct lower percentile, 0-100
 * @param highPct upper percentile, 0-100
 */
export function percentileRange(
  data: ArrayLike<number>,
  lowPct: number,
  highPct: number,
): { min: number; max: number } | null {
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
  if (n === 0) return null;
  if (hi === lo) return { min: lo, max: lo };
  // The top edge is exclusive inside valueAtRank; nudge it so the maximum is counted.
  const top = hi + (hi - lo) * 1e-6;
  const rankOf = (pct: number) => Math.min(n - 1, Math.floor((pct / 100) * (n - 1)));
  return {
    min: valueAtRank(data, rankOf(lowPct), lo, top),
    max: valueAtRank(data, rankOf(highPct), lo, top),
  };
}
