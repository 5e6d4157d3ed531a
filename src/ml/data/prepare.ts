/**
 * Turns a case on its own grid into model-ready slices: each channel clipped to its
 * 0.5th-99.5th percentiles and z-scored over the whole volume (intensities differ a lot
 * between scanners), every axial slice fitted to the model's square input (resized:
 * bilinear for images, nearest neighbour for labels; or centre-cropped), channels
 * interleaved, labels encoded to classes. Inference uses the same image path, so training
 * and prediction see identical inputs.
 */
import { resizeBilinear, resizeNearest, robustZScore } from '../../io';
import type { PreparedCase } from './dataset';
import { cropSlice, type SliceFit } from './slice-fit';
import { encodeLabels, type TargetSpec } from './target';

type Dims = readonly [number, number, number];

/** Normalized, resized images of every slice: [depth, size, size, channels]. */
export function prepareImages(
  channels: readonly Float32Array[],
  dims: Dims,
  size: number,
  fit: SliceFit = 'resize',
): Float32Array {
  const [nx, ny, nz] = dims;
  const nc = channels.length;
  const plane = nx * ny;
  const pixels = size * size;
  const out = new Float32Array(nz * pixels * nc);
  const resized = new Float32Array(pixels);
  channels.forEach((channel, c) => {
    if (channel.length !== plane * nz)
      throw new RangeError(`channel ${c} does not match dims ${dims.join('x')}`);
    const normalized = robustZScore(channel);
    // Padding looks like the darkest tissue of the volume (air), not like mid-grey.
    const pad = fit === 'crop' ? minimum(normalized) : 0;
    for (let z = 0; z < nz; z++) {
      const slice = normalized.subarray(z * plane, (z + 1) * plane);
      if (fit === 'crop') cropSlice(slice, nx, ny, size, pad, resized);
      else resizeBilinear(slice, nx, ny, size, size, resized);
      const base = z * pixels * nc + c;
      for (let i = 0; i < pixels; i++) out[base + i * nc] = resized[i];
    }
  });
  return out;
}

function minimum(values: Float32Array): number {
  let min = Infinity;
  for (const v of values) if (v < min) min = v;
  return Number.isFinite(min) ? min : 0;
}

/** Class maps of every slice, [depth, size, size], and whether each slice has foreground. */
export function prepareLabels(
  label: ArrayLike<number>,
  dims: Dims,
  size: number,
  target: TargetSpec,
  fit: SliceFit = 'resize',
): { classes: Uint8Array; foreground: boolean[] } {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const pixels = size * size;
  if (label.length !== plane * nz)
    throw new RangeError(`label does not match dims ${dims.join('x')}`);
  const encoded = encodeLabels(label, target);
  const classes = new Uint8Array(nz * pixels);
  const foreground: boolean[] = [];
  for (let z = 0; z < nz; z++) {
    const slice = classes.subarray(z * pixels, (z + 1) * pixels);
    const source = encoded.subarray(z * plane, (z + 1) * plane);
    if (fit === 'crop') cropSlice(source, nx, ny, size, 0, slice);
    else resizeNearest(source, nx, ny, size, size, slice);
    foreground.push(slice.some((v) => v > 0));
  }
  return { classes, foreground };
}

/** A labelled case as the slice dataset needs it. */
export function prepareCase(
  c: {
    name: string;
    channels: readonly Float32Array[];
    dims: Dims;
    label: ArrayLike<number> | null;
    /** Slices whose label a person checked; null or absent: all. */
    reviewed?: readonly number[] | null;
  },
  size: number,
  target: TargetSpec,
  fit: SliceFit = 'resize',
): PreparedCase {
  if (!c.label) throw new Error(`case ${c.name} has no label`);
  const { classes, foreground } = prepareLabels(c.label, c.dims, size, target, fit);
  const reviewed = c.reviewed ? new Set(c.reviewed) : null;
  return {
    name: c.name,
    size,
    channels: c.channels.length,
    depth: c.dims[2],
    images: prepareImages(c.channels, c.dims, size, fit),
    classes,
    foreground,
    ...(reviewed ? { labelled: foreground.map((_, z) => reviewed.has(z)) } : {}),
  };
}
