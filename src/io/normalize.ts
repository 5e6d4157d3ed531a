/**
 * Per-volume intensity normalization. MRI intensities have no absolute scale and differ a
 * lot between centres and coils, so each volume is z-scored on its own, optionally using
 * only the voxels of a mask (e.g. the body or brain) for the statistics.
 */
import type { Volume } from './volume';
import { percentileRange } from './percentiles';

/** Mean and standard deviation over the voxels where `mask` is non-zero (all when absent). */
export function maskedMeanStd(
  data: ArrayLike<number>,
  mask?: ArrayLike<number> | null,
): { mean: number; std: number; count: number } {
  if (mask && mask.length !== data.length) {
    throw new RangeError(`mask has ${mask.length} voxels, the volume ${data.length}`);
  }
  let count = 0;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    if (mask && mask[i] === 0) continue;
    sum += data[i];
    count++;
  }
  const mean = count > 0 ? sum / count : 0;
  let sq = 0;
  for (let i = 0; i < data.length; i++) {
    if (mask && mask[i] === 0) continue;
    const e = data[i] - mean;
    sq += e * e;
  }
  return { mean, std: count > 0 ? Math.sqrt(sq / count) : 0, count };
}

/**
 * Z-scores `data` into `out` (a new array by default; may be `data` itself): every voxel
 * becomes (v - mean) / std, with mean and std taken inside `mask` when given. A constant
 * volume (std 0) or an empty mask only subtracts the mean.
 */
export function zScore(
  data: Float32Array,
  mask?: ArrayLike<number> | null,
  out: Float32Array = new Float32Array(data.length),
): Float32Array {
  if (out.length !== data.length) throw new RangeError('output length differs from the input');
  const { mean, std } = maskedMeanStd(data, mask);
  const inv = std > 0 ? 1 / std : 1;
  for (let i = 0; i < data.length; i++) out[i] = (data[i] - mean) * inv;
  return out;
}

/** A z-scored copy of `vol` (float32); `mask` is a volume or array on the same grid. */
export function normalizeVolume(vol: Volume, mask?: Volume | ArrayLike<number> | null): Volume {
  const m = mask && 'data' in mask ? mask.data : mask;
  return {
    ...vol,
    data: zScore(vol.data, m),
    sourceType: 'float32',
    dims: [...vol.dims],
    spacing: [...vol.spacing],
    affine: [...vol.affine],
  };
}

/** Percentiles the robust z-score clips to before normalizing. */
export const ROBUST_CLIP_PERCENTILES = [0.5, 99.5] as const;

/**
 * Clips `data` to its 0.5th-99.5th percentiles, then z-scores it. Coil hot spots and
 * vessels can be 10-20 times brighter than tissue in some scanners' images and not in
 * others'; without the clip they inflate the standard deviation and squash the tissue
 * contrast differently per centre.
 */
export function robustZScore(
  data: Float32Array,
  out: Float32Array = new Float32Array(data.length),
): Float32Array {
  if (out.length !== data.length) throw new RangeError('output length differs from the input');
  const [lowPct, highPct] = ROBUST_CLIP_PERCENTILES;
  const r = percentileRange(data, lowPct, highPct);
  if (!r) return zScore(data, null, out);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    out[i] = v < r.min ? r.min : v > r.max ? r.max : v;
  }
  return zScore(out, null, out);
}
