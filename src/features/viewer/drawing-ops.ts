/**
 * Bitmap operations of the drawing tools that Niivue does not offer as the studio needs
 * them: a paint-bucket fill of one region of an axial slice, grow-cut on one slice,
 * keeping an assist's result to chosen slices, and the slices with something drawn on
 * them. They work on Niivue's RAS-ordered drawing bitmap (x fastest, axial slices along
 * z). Pure.
 */

/** Drawing bitmap size: voxels along x, y and z. */
export type BitmapDims = readonly [number, number, number];

/**
 * Gives `value` to the voxels of axial slice `z` that are 4-connected to (x, y) and hold
 * the same value as it, as a paint bucket does. Returns how many voxels changed.
 */
export function fillRegion(
  bitmap: Uint8Array,
  dims: BitmapDims,
  x: number,
  y: number,
  z: number,
  value: number,
): number {
  const [nx, ny, nz] = dims;
  if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) return 0;
  const base = z * nx * ny;
  const target = bitmap[base + y * nx + x];
  if (target === value) return 0;
  const stack = [y * nx + x];
  bitmap[base + y * nx + x] = value;
  let changed = 0;
  while (stack.length > 0) {
    const p = stack.pop() as number;
    changed++;
    const px = p % nx;
    const py = (p - px) / nx;
    const visit = (q: number) => {
      if (bitmap[base + q] !== target) return;
      bitmap[base + q] = value;
      stack.push(q);
    };
    if (px > 0) visit(p - 1);
    if (px < nx - 1) visit(p + 1);
    if (py > 0) visit(p - nx);
    if (py < ny - 1) visit(p + nx);
  }
  return changed;
}

/** Puts `before` back on every axial slice not in `keep`. */
export function keepSlices(
  after: Uint8Array,
  before: Uint8Array,
  dims: BitmapDims,
  keep: ReadonlySet<number>,
): void {
  const plane = dims[0] * dims[1];
  for (let z = 0; z < dims[2]; z++) {
    if (!keep.has(z)) after.set(before.subarray(z * plane, (z + 1) * plane), z * plane);
  }
}

/** Axial slices holding a value for which `counts` is true, ascending. */
export function slicesWith(
  bitmap: Uint8Array,
  dims: BitmapDims,
  counts: (value: number) => boolean = (v) => v !== 0,
): number[] {
  const plane = dims[0] * dims[1];
  const out: number[] = [];
  for (let z = 0; z < dims[2]; z++) {
    for (let i = z * plane; i < (z + 1) * plane; i++) {
      if (counts(bitmap[i])) {
        out.push(z);
        break;
      }
    }
  }
  return out;
}

/** The runs of empty slices between two drawn ones: [low, high] pairs of drawn slices. */
export function gapsBetween(drawn: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < drawn.length; i++) {
    if (drawn[i] - drawn[i - 1] >= 2) out.push([drawn[i - 1], drawn[i]]);
  }
  return out;
}

/** Replaces `from` by `to` throughout (e.g. clearing grow-cut seeds). */
export function replaceValue(bitmap: Uint8Array, from: number, to: number): void {
  for (let i = 0; i < bitmap.length; i++) if (bitmap[i] === from) bitmap[i] = to;
}

/**
 * Grow-cut (Vezhnevets and Konouchine, 2005) on axial slice `z`: every drawn voxel is a
 * seed of full strength, and its label spreads to unlabelled neighbours (8-connected)
 * with a strength that falls with the intensity step between them, until nothing
 * changes. Drawn voxels keep their value. Sweeps alternate direction and update in place,
 * so a slice converges in a few passes on the CPU. Returns how many voxels got a label.
 */
export function growCutSlice(
  bitmap: Uint8Array,
  image: ArrayLike<number>,
  dims: BitmapDims,
  z: number,
  maxSweeps = 100,
): number {
  const [nx, ny] = dims;
  const plane = nx * ny;
  const base = z * plane;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < plane; i++) {
    const v = image[base + i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi > lo ? hi - lo : 1;
  const strength = new Float32Array(plane);
  const label = bitmap.slice(base, base + plane);
  for (let i = 0; i < plane; i++) if (label[i] !== 0) strength[i] = 1;
  const step = (p: number, q: number): void => {
    const s = (1 - Math.abs(image[base + p] - image[base + q]) / range) * strength[q];
    if (s > strength[p]) {
      strength[p] = s;
      label[p] = label[q];
      changed = true;
    }
  };
  let changed = true;
  for (let sweep = 0; sweep < maxSweeps && changed; sweep++) {
    changed = false;
    const forward = sweep % 2 === 0;
    for (let n = 0; n < plane; n++) {
      const p = forward ? n : plane - 1 - n;
      if (strength[p] >= 1) continue;
      const x = p % nx;
      const y = (p - x) / nx;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= ny) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx === 0 && dy === 0) || xx < 0 || xx >= nx) continue;
          step(p, yy * nx + xx);
        }
      }
    }
  }
  let grown = 0;
  for (let i = 0; i < plane; i++) {
    if (bitmap[base + i] === 0 && label[i] !== 0) {
      bitmap[base + i] = label[i];
      grown++;
    }
  }
  return grown;
}
