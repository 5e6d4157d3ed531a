/**
 * A label edit in slices: which axial slices a drawing changed, their voxels, and a label
 * volume with some slices replaced. The engine, the undo history and the reviewed-slice
 * marks all work slice by slice, so an edit is reduced to its slices once, here. Pure.
 */
import type { Dims3 } from '../../ml/types';

/** One axial slice of a label: dims[0] * dims[1] values of slice `z`. */
export interface SlicePatch {
  z: number;
  data: Uint8Array<ArrayBuffer>;
}

function plane(dims: Dims3): number {
  return dims[0] * dims[1];
}

/** The axial slices where `after` differs from `before` (null: an empty label), ascending. */
export function changedSlices(
  before: ArrayLike<number> | null,
  after: ArrayLike<number>,
  dims: Dims3,
): number[] {
  const p = plane(dims);
  if (after.length !== p * dims[2]) {
    throw new RangeError(`label has ${after.length} voxels for a ${dims.join('x')} grid`);
  }
  const out: number[] = [];
  for (let z = 0; z < dims[2]; z++) {
    for (let i = z * p; i < (z + 1) * p; i++) {
      if (Math.round(before?.[i] ?? 0) !== after[i]) {
        out.push(z);
        break;
      }
    }
  }
  return out;
}

/** Slice `z` of `label` (null: an empty label) as whole label values. */
export function sliceOf(label: ArrayLike<number> | null, dims: Dims3, z: number): SlicePatch {
  const p = plane(dims);
  const data = new Uint8Array(p);
  if (label) for (let i = 0; i < p; i++) data[i] = Math.round(label[z * p + i]);
  return { z, data };
}

/** `label` (null: empty) with the patches written in, as a new volume of label values. */
export function withSlices(
  label: ArrayLike<number> | null,
  dims: Dims3,
  patches: readonly SlicePatch[],
): Float32Array<ArrayBuffer> {
  const out = new Float32Array(plane(dims) * dims[2]);
  if (label) out.set(label);
  for (const s of patches) out.set(s.data, s.z * plane(dims));
  return out;
}
