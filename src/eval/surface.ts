/**
 * Surface distances between two binary masks in millimetres: the 95th-percentile
 * Hausdorff distance (HD95), the maximum (Hausdorff) and the average symmetric surface
 * distance (ASSD). A surface voxel is a foreground voxel with at least one background
 * face neighbour (6 in 3-D, 4 in-plane for 2-D slices; outside the grid counts as
 * background). Distances run between voxel centres of the two surfaces, using the exact
 * distance transform with the grid's anisotropic spacing. The work is confined to the
 * bounding box of both masks, which changes no distance (every surface voxel lies inside)
 * and makes a prostate-sized mask on a 384x384x19 grid cheap.
 */
import { squaredDistanceTransform, type Grid3 } from './edt';

export type { Grid3 } from './edt';

/** Surface distances in mm; null where one mask is empty and the other is not. */
export interface SurfaceDistances {
  /** 95th percentile of the distances from each surface to the other, pooled. */
  hd95: number | null;
  /** Largest distance from either surface to the other (the Hausdorff distance). */
  hausdorff: number | null;
  /** Mean of the distances from each surface to the other, pooled (ASSD). */
  assd: number | null;
}

/** Inclusive voxel bounds [i0, j0, k0] - [i1, j1, k1]. */
interface Box {
  lo: [number, number, number];
  hi: [number, number, number];
}

function unionBox(a: ArrayLike<number>, b: ArrayLike<number>, dims: Grid3): Box | null {
  const [nx, ny] = dims;
  const lo: [number, number, number] = [Infinity, Infinity, Infinity];
  const hi: [number, number, number] = [-1, -1, -1];
  for (let idx = 0; idx < a.length; idx++) {
    if (a[idx] === 0 && b[idx] === 0) continue;
    const i = idx % nx;
    const j = Math.floor(idx / nx) % ny;
    const k = Math.floor(idx / (nx * ny));
    if (i < lo[0]) lo[0] = i;
    if (i > hi[0]) hi[0] = i;
    if (j < lo[1]) lo[1] = j;
    if (j > hi[1]) hi[1] = j;
    if (k < lo[2]) lo[2] = k;
    if (k > hi[2]) hi[2] = k;
  }
  return hi[0] < 0 ? null : { lo, hi };
}

function crop(mask: ArrayLike<number>, dims: Grid3, box: Box): Uint8Array {
  const [nx, ny] = dims;
  const [bx, by, bz] = [0, 1, 2].map((a) => box.hi[a] - box.lo[a] + 1);
  const out = new Uint8Array(bx * by * bz);
  let o = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const row = ((box.lo[2] + k) * ny + box.lo[1] + j) * nx + box.lo[0];
      for (let i = 0; i < bx; i++) out[o++] = mask[row + i] !== 0 ? 1 : 0;
    }
  }
  return out;
}

/**
 * 1 at foreground voxels with a background face neighbour. `inPlane` ignores the k axis
 * (4-neighbourhood per slice), for 2-D scores of single slices.
 */
export function surfaceMask(mask: ArrayLike<number>, dims: Grid3, inPlane = false): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(mask.length);
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = k * plane + j * nx + i;
        if (mask[idx] === 0) continue;
        const edge =
          i === 0 ||
          i === nx - 1 ||
          j === 0 ||
          j === ny - 1 ||
          mask[idx - 1] === 0 ||
          mask[idx + 1] === 0 ||
          mask[idx - nx] === 0 ||
          mask[idx + nx] === 0 ||
          (!inPlane &&
            (k === 0 || k === nz - 1 || mask[idx - plane] === 0 || mask[idx + plane] === 0));
        if (edge) out[idx] = 1;
      }
    }
  }
  return out;
}

/** Writes distances (mm) from each voxel of surface `from` to the surface `to` describes. */
function directed(from: Uint8Array, toField: Float64Array, out: Float64Array, at: number): number {
  let o = at;
  for (let i = 0; i < from.length; i++) if (from[i]) out[o++] = Math.sqrt(toField[i]);
  return o;
}

/** Linear-interpolation percentile (numpy's default) of values sorted ascending. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function count(mask: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  return n;
}

/**
 * HD95, Hausdorff and ASSD between masks `a` and `b` (any non-zero value is foreground)
 * on a grid with voxel `spacing` in mm. Both empty: all 0 (perfect agreement). One empty:
 * all null (no surface to measure against). `inPlane` takes surfaces per k-slice
 * (4-neighbourhood); it is meant for single slices, see {@link sliceSurfaceDistances}.
 */
export function surfaceDistances(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  dims: Grid3,
  spacing: Grid3,
  options: { inPlane?: boolean } = {},
): SurfaceDistances {
  if (a.length !== b.length) {
    throw new RangeError(`masks differ in size: ${a.length} vs ${b.length}`);
  }
  const box = unionBox(a, b, dims);
  if (!box) return { hd95: 0, hausdorff: 0, assd: 0 };
  const boxDims: Grid3 = [
    box.hi[0] - box.lo[0] + 1,
    box.hi[1] - box.lo[1] + 1,
    box.hi[2] - box.lo[2] + 1,
  ];
  const ca = crop(a, dims, box);
  const cb = crop(b, dims, box);
  if (count(ca) === 0 || count(cb) === 0) return { hd95: null, hausdorff: null, assd: null };
  const sa = surfaceMask(ca, boxDims, options.inPlane);
  const sb = surfaceMask(cb, boxDims, options.inPlane);
  const field = (s: Uint8Array) => squaredDistanceTransform(s, boxDims, spacing);
  const pooled = new Float64Array(count(sa) + count(sb));
  directed(sb, field(sa), pooled, directed(sa, field(sb), pooled, 0));
  pooled.sort();
  let sum = 0;
  for (const d of pooled) sum += d;
  return {
    hd95: percentileSorted(pooled, 95),
    hausdorff: pooled[pooled.length - 1],
    assd: sum / pooled.length,
  };
}

/** 2-D surface distances (mm) of axial slice `k`: in-plane surfaces and in-plane distances. */
export function sliceSurfaceDistances(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  dims: Grid3,
  spacing: Grid3,
  k: number,
): SurfaceDistances {
  const plane = dims[0] * dims[1];
  const sliceOf = (m: ArrayLike<number>) => {
    const out = new Uint8Array(plane);
    for (let i = 0; i < plane; i++) out[i] = m[k * plane + i] !== 0 ? 1 : 0;
    return out;
  };
  return surfaceDistances(sliceOf(a), sliceOf(b), [dims[0], dims[1], 1], spacing, {
    inPlane: true,
  });
}

/** 95th-percentile Hausdorff distance (mm) in 3-D; null when exactly one mask is empty. */
export function hd95(a: ArrayLike<number>, b: ArrayLike<number>, dims: Grid3, spacing: Grid3) {
  return surfaceDistances(a, b, dims, spacing).hd95;
}

/** Average symmetric surface distance (mm) in 3-D; null when exactly one mask is empty. */
export function assd(a: ArrayLike<number>, b: ArrayLike<number>, dims: Grid3, spacing: Grid3) {
  return surfaceDistances(a, b, dims, spacing).assd;
}
