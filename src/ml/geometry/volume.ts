/**
 * A case ready for a 3-D network: each channel clipped to its 0.5th-99.5th percentiles and
 * z-scored over the whole volume (as for 2-D networks, and seed 002: "sub-volumes are
 * z-score normalized"), then resampled to the model's voxel spacing, channels interleaved
 * in the [z, y, x, channel] order a patch tensor reads them.
 *
 * Anisotropy: PROMISE12 slices are 2-3x thicker than their in-plane spacing. Volumes are
 * resampled to one common spacing but kept anisotropic (by default the training cases'
 * median spacing, as nnU-Net does: Isensee et al. 2021), not made isotropic: upsampling
 * the slices to the in-plane spacing would multiply the voxels 2-3 times and invent detail
 * the scanner never acquired, while downsampling the plane would blur the gland's edge.
 * Patches are anisotropic in voxels' physical size instead: seed 002's 64x64x16 patch at
 * 1 x 1 x 2 mm covers 64 x 64 x 32 mm, and its 2x2x2 poolings keep the through-plane
 * receptive field growing in step with the in-plane one (a spacing ratio of 2 is the
 * largest at which nnU-Net still pools all three axes alike).
 */
import { robustZScore } from '../../io';
import { gridForSpacing, resampleLinear, resampleNearest } from '../../io/resample-volume';
import { encodeLabels, type TargetSpec } from '../data/target';
import type { Dims3 } from '../types';

/** A normalized case on the model's voxel grid. */
export interface PreparedVolume {
  name: string;
  /** Grid [nx, ny, nz] at the model's spacing. */
  dims: Dims3;
  /** The case's own grid, which predictions go back to. */
  sourceDims: Dims3;
  channels: number;
  /** [nz, ny, nx, channels]. */
  images: Float32Array;
  /** [nz, ny, nx] class indices, or null for a case to predict. */
  classes: Uint8Array | null;
  /** Image value outside the volume: its darkest, like air (as for centre crops). */
  pad: number;
}

/** A volume as the engine holds it. */
export interface VolumeInput {
  name: string;
  channels: readonly Float32Array[];
  dims: Dims3;
  spacing: Dims3;
  label?: ArrayLike<number> | null;
}

function minimum(values: Float32Array): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return Number.isFinite(min) ? min : 0;
}

/** Normalizes and resamples `c` to `spacing`; its label too when `target` is given. */
export function prepareVolume(
  c: VolumeInput,
  spacing: Dims3,
  target: TargetSpec | null,
): PreparedVolume {
  const voxels = c.dims[0] * c.dims[1] * c.dims[2];
  const dims = gridForSpacing(c.dims, c.spacing, spacing);
  const n = dims[0] * dims[1] * dims[2];
  const nc = c.channels.length;
  const images = new Float32Array(n * nc);
  let pad = Infinity;
  c.channels.forEach((channel, k) => {
    if (channel.length !== voxels) throw new RangeError(`channel ${k} does not match the grid`);
    const normalized = robustZScore(channel);
    pad = Math.min(pad, minimum(normalized));
    const resampled = resampleLinear(normalized, c.dims, dims);
    for (let v = 0; v < n; v++) images[v * nc + k] = resampled[v];
  });
  let classes: Uint8Array | null = null;
  if (target) {
    if (!c.label) throw new Error(`case ${c.name} has no label`);
    if (c.label.length !== voxels)
      throw new RangeError(`label of ${c.name} does not match the grid`);
    classes = resampleNearest(encodeLabels(c.label, target), c.dims, dims);
  }
  return { name: c.name, dims, sourceDims: [...c.dims], channels: nc, images, classes, pad };
}

/** The per-axis median of the cases' spacings: the grid new 3-D models train on. */
export function medianSpacing(spacings: readonly Dims3[]): Dims3 {
  if (spacings.length === 0) throw new Error('no case to take a spacing from');
  const median = (a: number) => {
    const s = spacings.map((v) => v[a]).sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return [median(0), median(1), median(2)];
}
