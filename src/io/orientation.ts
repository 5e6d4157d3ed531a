/**
 * Closest-canonical reorientation. Different converters store the same scan with axes
 * permuted or flipped (LPS vs RAS, rows top-down vs bottom-up); bringing every volume to the
 * voxel order closest to RAS+ (i -> Right, j -> Anterior, k -> Superior) makes an image and
 * its label line up voxel for voxel and show the same way up, whatever wrote them. The rule
 * is nibabel's `io_orientation`: orthogonalise the direction matrix, then repeatedly pair the
 * voxel axis and world axis with the largest absolute cosine.
 */
import { affineColumns, matMul4, polarRotation } from './affine';

/** For each source voxel axis: the canonical axis it becomes and whether it runs backwards. */
export interface AxisOrientation {
  /** axis[i] = world axis (0 x/R, 1 y/A, 2 z/S) that source voxel axis i points along. */
  axis: [number, number, number];
  /** flip[i]: source axis i points toward -world (L, P or I). */
  flip: [boolean, boolean, boolean];
}

/** Orientation of each voxel axis of `affine` (nibabel io_orientation). */
export function ioOrientation(affine: readonly number[]): AxisOrientation {
  const cols = affineColumns(affine).map((c) => {
    const n = Math.hypot(c[0], c[1], c[2]);
    return n > 0 ? c.map((e) => e / n) : [0, 0, 0];
  });
  // cols[voxelAxis][worldAxis]; shear is removed so an oblique grid still picks its closest axes.
  const r = polarRotation(cols).map((c) => [...c]);
  const axis: number[] = [-1, -1, -1];
  const flip = [false, false, false];
  for (let n = 0; n < 3; n++) {
    let best = -1;
    let bi = -1;
    let bw = -1;
    for (let i = 0; i < 3; i++) {
      if (axis[i] >= 0) continue;
      for (let w = 0; w < 3; w++) {
        const v = Math.abs(r[i][w]);
        if (v > best) {
          best = v;
          bi = i;
          bw = w;
        }
      }
    }
    axis[bi] = bw;
    flip[bi] = r[bi][bw] < 0;
    for (let i = 0; i < 3; i++) r[i][bw] = 0;
  }
  return { axis: axis as [number, number, number], flip: flip as [boolean, boolean, boolean] };
}

/** Orientation letters of the voxel axes, e.g. 'LPS' or 'RAS' (nibabel aff2axcodes). */
export function axisCodes(affine: readonly number[]): string {
  const { axis, flip } = ioOrientation(affine);
  const pos = 'RAS';
  const neg = 'LPI';
  return axis.map((w, i) => (flip[i] ? neg[w] : pos[w])).join('');
}

/** How source voxels map onto the canonical grid. */
export interface CanonicalPlan {
  /** Canonical grid size. */
  dims: [number, number, number];
  /** Canonical spacing, from the source spacing. */
  spacing: [number, number, number];
  /** Canonical voxel -> world affine. */
  affine: number[];
  /** Source linear index of canonical voxel (0,0,0). */
  base: number;
  /** Source index step for a unit step along each canonical axis (negative when flipped). */
  steps: [number, number, number];
  /** True when the canonical grid is the source grid (no copy reordering needed). */
  identity: boolean;
}

/**
 * Plans the canonical grid of a source grid of `dims` whose voxel -> world map is `affine`.
 * The returned affine is the source affine composed with the permutation/flip, so every
 * voxel keeps its world position.
 */
export function canonicalPlan(
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
  affine: readonly number[],
): CanonicalPlan {
  const { axis, flip } = ioOrientation(affine);
  const strides = [1, dims[0], dims[0] * dims[1]];
  const outDims: [number, number, number] = [1, 1, 1];
  const outSpacing: [number, number, number] = [1, 1, 1];
  const steps: [number, number, number] = [0, 0, 0];
  // perm maps canonical voxel index -> source voxel index (homogeneous, row-major).
  const perm = new Array<number>(16).fill(0);
  perm[15] = 1;
  let base = 0;
  for (let src = 0; src < 3; src++) {
    const dst = axis[src];
    outDims[dst] = dims[src];
    outSpacing[dst] = spacing[src];
    steps[dst] = flip[src] ? -strides[src] : strides[src];
    perm[src * 4 + dst] = flip[src] ? -1 : 1;
    if (flip[src]) {
      base += (dims[src] - 1) * strides[src];
      perm[src * 4 + 3] = dims[src] - 1;
    }
  }
  const identity = axis.every((w, i) => w === i) && !flip.some(Boolean);
  return {
    dims: outDims,
    spacing: outSpacing,
    affine: matMul4(affine, perm),
    base,
    steps,
    identity,
  };
}
