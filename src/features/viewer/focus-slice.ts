/**
 * The axial slice a case opens on: the middle of the slices that hold its label's
 * foreground (the structures being learnt), so the first view shows the target; the
 * volume's middle when the case has no label or an empty one. Pure.
 */
import type { Volume } from '../../io/volume';

/** Which label voxels count as foreground: these values, or any non-zero one (null). */
export type ForegroundValues = readonly number[] | null;

/** Axial slices (k) that hold at least one foreground voxel, ascending. */
export function foregroundSlices(
  label: Pick<Volume, 'dims' | 'data'>,
  foreground: ForegroundValues = null,
): number[] {
  const [nx, ny, nz] = label.dims;
  const plane = nx * ny;
  const wanted = foreground ? new Set(foreground) : null;
  const out: number[] = [];
  for (let k = 0; k < nz; k++) {
    const end = (k + 1) * plane;
    for (let i = k * plane; i < end; i++) {
      const v = label.data[i];
      if (wanted ? wanted.has(v) : v !== 0 && !Number.isNaN(v)) {
        out.push(k);
        break;
      }
    }
  }
  return out;
}

/**
 * Slice to open a case on. Between the first and the last foreground slice; when that
 * middle slice is empty (two separate lesions), the foreground slice nearest to it.
 */
export function focusSlice(
  image: Pick<Volume, 'dims'>,
  label?: Pick<Volume, 'dims' | 'data'>,
  foreground: ForegroundValues = null,
): number {
  const middle = Math.floor((image.dims[2] - 1) / 2);
  if (!label || label.dims[2] !== image.dims[2]) return middle;
  const slices = foregroundSlices(label, foreground);
  if (slices.length === 0) return middle;
  const centre = (slices[0] + slices[slices.length - 1]) / 2;
  let best = slices[0];
  for (const k of slices) if (Math.abs(k - centre) < Math.abs(best - centre)) best = k;
  return best;
}
