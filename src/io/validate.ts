/**
 * Checks that keep bad cases out of training: a label must lie on its image's voxel grid
 * and hold non-negative integer classes. Also the per-volume figures the dataset table
 * shows (distinct label values, intensity statistics).
 */
import { GridMismatchError, VoxelValueError } from '../shared/errors';
import { voxelToWorld } from './affine';
import { formatValue } from './format-value';
import { axisCodes } from './orientation';
import type { Volume } from './volume';

/** Options of {@link checkLabel}. */
export interface CheckLabelOptions {
  /**
   * Largest distance (mm) allowed between the same grid corner under the two affines.
   * Default: a tenth of the smallest voxel size, loose enough for float32 header rounding
   * and sform/qform differences, tight enough to catch any real shift.
   */
  toleranceMm?: number;
}

/** `384x384x19 voxels of 0.5x0.5x3 mm, axes RAS, first voxel at (-95.8, -99.3, -87.8) mm`. */
export function describeGrid(vol: Pick<Volume, 'dims' | 'spacing' | 'affine'>): string {
  const fmt = (v: number) => String(Number(v.toFixed(2)));
  const origin = voxelToWorld(vol.affine, 0, 0, 0).map((v) => v.toFixed(1));
  return (
    `${vol.dims.join('x')} voxels of ${vol.spacing.map(fmt).join('x')} mm, axes ${axisCodes(vol.affine)}, ` +
    `first voxel at (${origin.join(', ')}) mm`
  );
}

/** Largest distance (mm) between the 8 grid corners mapped by each affine. */
export function cornerDistance(
  dims: readonly number[],
  a: readonly number[],
  b: readonly number[],
): number {
  let worst = 0;
  for (let c = 0; c < 8; c++) {
    const ijk = [0, 1, 2].map((ax) => ((c >> ax) & 1 ? dims[ax] - 1 : 0));
    const pa = voxelToWorld(a, ijk[0], ijk[1], ijk[2]);
    const pb = voxelToWorld(b, ijk[0], ijk[1], ijk[2]);
    worst = Math.max(worst, Math.hypot(pa[0] - pb[0], pa[1] - pb[1], pa[2] - pb[2]));
  }
  return worst;
}

/**
 * Throws 'grid-mismatch' when `label` is not on `image`'s grid (size or placement), and
 * 'bad-label-values' when a voxel is negative or not an integer. Messages name `labelFile`.
 */
export function checkLabel(
  label: Volume,
  image: Volume,
  labelFile: string,
  opts: CheckLabelOptions = {},
): void {
  const grids = `label: ${describeGrid(label)}; image: ${describeGrid(image)}`;
  if (label.dims.some((d, i) => d !== image.dims[i])) {
    throw new GridMismatchError(labelFile, `label grid does not match the image grid (${grids})`);
  }
  const tolerance = opts.toleranceMm ?? 0.1 * Math.min(...image.spacing);
  const off = cornerDistance(image.dims, label.affine, image.affine);
  if (!(off <= tolerance)) {
    throw new GridMismatchError(
      labelFile,
      `label grid is placed ${off.toFixed(2)} mm away from the image grid (${grids})`,
    );
  }
  checkLabelValues(label, labelFile);
}

/** Throws 'bad-label-values' unless every voxel is a non-negative integer. */
export function checkLabelValues(label: Volume, labelFile: string): void {
  const d = label.data;
  let negative = 0;
  let fractional = 0;
  let example = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v >= 0 && v === Math.floor(v)) continue;
    if (negative + fractional === 0) example = v;
    if (v < 0) negative++;
    else fractional++;
  }
  if (negative + fractional === 0) return;
  const what = [
    negative > 0 ? `${negative} negative` : '',
    fractional > 0 ? `${fractional} non-integer` : '',
  ].filter(Boolean);
  throw new VoxelValueError(
    'bad-label-values',
    labelFile,
    `a label map must hold non-negative integer classes, but ${what.join(' and ')} voxel values ` +
      `were found (e.g. ${formatValue(example)})`,
  );
}

/** Sorted distinct values of a volume; fast for label maps, whose values come in long runs. */
export function labelValues(vol: Pick<Volume, 'data'>): number[] {
  const d = vol.data;
  const seen = new Set<number>();
  let last = Number.NaN;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v === last) continue;
    seen.add(v);
    last = v;
  }
  return [...seen].sort((a, b) => a - b);
}

/** Intensity summary of a volume. */
export interface VolumeStats {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation. */
  std: number;
}

/** Min, max, mean and standard deviation (two passes, in float64, for precision). */
export function volumeStats(vol: Pick<Volume, 'data'>): VolumeStats {
  const d = vol.data;
  const n = d.length;
  if (n === 0) return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, std: Number.NaN };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const e = d[i] - mean;
    sq += e * e;
  }
  return { min, max, mean, std: Math.sqrt(sq / n) };
}
