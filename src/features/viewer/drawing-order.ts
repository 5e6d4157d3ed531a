/**
 * Niivue keeps its drawing bitmap in the RAS voxel order it derives from the background
 * image's header, which is not necessarily the order of the voxels the studio handed it:
 * an oblique or flipped grid is permuted and mirrored first. These conversions move a
 * label between the two orders, so that what the user draws lands on the voxels of the
 * studio's volume (and of the exported file) it covers on screen. Pure and GPU-free.
 */

/** Where Niivue's RAS voxels lie in the source volume. */
export interface RasOrder {
  /** Voxel counts along the RAS axes (x fastest). */
  dims: [number, number, number];
  /** Source index of RAS voxel (0, 0, 0). */
  start: number;
  /** Source index step of a unit step along each RAS axis (negative when mirrored). */
  steps: [number, number, number];
}

/** What Niivue's image object reports about its orientation (`dimsRAS`, `img2RAS*`). */
export interface NiivueOrientation {
  dimsRAS?: number[];
  img2RASstep?: number[];
  img2RASstart?: number[];
}

/** The RAS order of a Niivue image; throws if Niivue has not oriented it yet. */
export function rasOrderOf(img: NiivueOrientation): RasOrder {
  const { dimsRAS: d, img2RASstep: step, img2RASstart: start } = img;
  if (!d || d.length < 4 || !step || step.length < 3 || !start || start.length < 3) {
    throw new Error('the image has no RAS orientation yet');
  }
  return {
    dims: [d[1], d[2], d[3]],
    start: start[0] + start[1] + start[2],
    steps: [step[0], step[1], step[2]],
  };
}

/** The order of a volume that needs no reordering: RAS voxel n is source voxel n. */
export function identityOrder(dims: readonly [number, number, number]): RasOrder {
  return { dims: [dims[0], dims[1], dims[2]], start: 0, steps: [1, dims[0], dims[0] * dims[1]] };
}

/** Whether RAS order and source order coincide. */
export function isIdentity(o: RasOrder): boolean {
  const id = identityOrder(o.dims);
  return o.start === 0 && o.steps.every((s, i) => s === id.steps[i]);
}

function voxels(o: RasOrder): number {
  return o.dims[0] * o.dims[1] * o.dims[2];
}

/** A label value as a drawing byte: rounded, negatives and non-numbers as background. */
function toByte(v: number): number {
  const r = Math.round(v);
  return r > 0 ? (r > 255 ? 255 : r) : 0;
}

/** Calls `visit(ras, source)` for every voxel, in RAS order. */
function walk(o: RasOrder, visit: (ras: number, source: number) => void): void {
  const [nx, ny, nz] = o.dims;
  const [sx, sy, sz] = o.steps;
  let n = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let src = o.start + z * sz + y * sy;
      for (let x = 0; x < nx; x++, n++, src += sx) visit(n, src);
    }
  }
}

/** A source-order label as Niivue's drawing bitmap. */
export function toRas(source: ArrayLike<number>, o: RasOrder): Uint8Array<ArrayBuffer> {
  if (source.length !== voxels(o)) {
    throw new RangeError(`label has ${source.length} voxels; the image has ${voxels(o)}`);
  }
  const out = new Uint8Array(source.length);
  walk(o, (ras, src) => (out[ras] = toByte(source[src])));
  return out;
}

/** Niivue's drawing bitmap in source order. */
export function fromRas(ras: ArrayLike<number>, o: RasOrder): Uint8Array<ArrayBuffer> {
  if (ras.length !== voxels(o)) {
    throw new RangeError(`drawing has ${ras.length} voxels; the image has ${voxels(o)}`);
  }
  const out = new Uint8Array(ras.length);
  walk(o, (r, src) => (out[src] = ras[r]));
  return out;
}

/** The source index of RAS voxel (x, y, z). */
export function sourceIndex(o: RasOrder, x: number, y: number, z: number): number {
  return o.start + x * o.steps[0] + y * o.steps[1] + z * o.steps[2];
}

/** The RAS voxel of source voxel (i, j, k) on a source grid of `dims`. */
export function rasVoxel(
  o: RasOrder,
  dims: readonly [number, number, number],
  i: number,
  j: number,
  k: number,
): [number, number, number] {
  const strides = [1, dims[0], dims[0] * dims[1]];
  const at = [i, j, k];
  const start = [
    o.start % dims[0],
    Math.floor(o.start / dims[0]) % dims[1],
    Math.floor(o.start / strides[2]),
  ];
  return o.steps.map((step) => {
    const b = strides.indexOf(Math.abs(step));
    return step > 0 ? at[b] - start[b] : start[b] - at[b];
  }) as [number, number, number];
}
