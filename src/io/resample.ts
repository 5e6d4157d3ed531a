/**
 * 2-D slice access and resizing for the model input: bilinear for images, nearest
 * neighbour for label maps (so classes are never blended). Both use pixel-centre alignment
 * (the convention of tf.image with half-pixel centres), so a resize and its inverse map
 * the image onto itself without a shift. Index and weight tables are built once per call,
 * never per pixel.
 */
import type { Volume } from './volume';

/** Typed arrays a slice can be written into. */
export type SliceArray =
  | Float32Array
  | Float64Array
  | Uint8Array
  | Uint16Array
  | Int16Array
  | Int32Array;

function checkSlice(vol: Volume, k: number): number {
  const [nx, ny, nz] = vol.dims;
  if (!Number.isInteger(k) || k < 0 || k >= nz) {
    throw new RangeError(`slice ${k} out of range 0..${nz - 1}`);
  }
  return nx * ny;
}

/** Axial slice `k` (nx * ny values, x fastest), copied into `out` or a new array. */
export function extractSlice(vol: Volume, k: number, out?: Float32Array): Float32Array {
  const n = checkSlice(vol, k);
  const view = vol.data.subarray(k * n, (k + 1) * n);
  if (!out) return view.slice();
  if (out.length !== n) throw new RangeError(`slice buffer holds ${out.length} values, need ${n}`);
  out.set(view);
  return out;
}

/** Writes `slice` (nx * ny values) into axial slice `k` of `vol`, in place. */
export function insertSlice(vol: Volume, k: number, slice: ArrayLike<number>): void {
  const n = checkSlice(vol, k);
  if (slice.length !== n) throw new RangeError(`slice holds ${slice.length} values, need ${n}`);
  vol.data.set(slice, k * n);
}

function checkSizes(
  src: ArrayLike<number>,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out: SliceArray,
) {
  if (src.length !== sw * sh)
    throw new RangeError(`source holds ${src.length} values, not ${sw}x${sh}`);
  if (out.length !== dw * dh)
    throw new RangeError(`output holds ${out.length} values, not ${dw}x${dh}`);
  if (!(sw > 0 && sh > 0 && dw > 0 && dh > 0)) throw new RangeError('sizes must be positive');
}

/** Lower source index and weight of the upper neighbour for each destination coordinate. */
function linearTable(
  srcSize: number,
  dstSize: number,
): { lo: Int32Array; hi: Int32Array; w: Float32Array } {
  const lo = new Int32Array(dstSize);
  const hi = new Int32Array(dstSize);
  const w = new Float32Array(dstSize);
  const scale = srcSize / dstSize;
  for (let d = 0; d < dstSize; d++) {
    const s = Math.min(Math.max((d + 0.5) * scale - 0.5, 0), srcSize - 1);
    const f = Math.floor(s);
    lo[d] = f;
    hi[d] = Math.min(f + 1, srcSize - 1);
    w[d] = s - f;
  }
  return { lo, hi, w };
}

/**
 * Bilinear resize of a `sw` x `sh` image (x fastest) to `dw` x `dh`. Edges are clamped;
 * same-size input is copied unchanged.
 */
export function resizeBilinear<T extends SliceArray = Float32Array>(
  src: ArrayLike<number>,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out: T = new Float32Array(dw * dh) as T,
): T {
  checkSizes(src, sw, sh, dw, dh, out);
  const xs = linearTable(sw, dw);
  const ys = linearTable(sh, dh);
  for (let y = 0; y < dh; y++) {
    const r0 = ys.lo[y] * sw;
    const r1 = ys.hi[y] * sw;
    const wy = ys.w[y];
    const row = y * dw;
    for (let x = 0; x < dw; x++) {
      const x0 = xs.lo[x];
      const x1 = xs.hi[x];
      const wx = xs.w[x];
      const top = src[r0 + x0] + (src[r0 + x1] - src[r0 + x0]) * wx;
      const bottom = src[r1 + x0] + (src[r1 + x1] - src[r1 + x0]) * wx;
      out[row + x] = top + (bottom - top) * wy;
    }
  }
  return out;
}

function nearestTable(srcSize: number, dstSize: number): Int32Array {
  const idx = new Int32Array(dstSize);
  const scale = srcSize / dstSize;
  for (let d = 0; d < dstSize; d++) idx[d] = Math.min(Math.floor((d + 0.5) * scale), srcSize - 1);
  return idx;
}

/** Nearest-neighbour resize (for label maps: every output value is an input value). */
export function resizeNearest<T extends SliceArray = Float32Array>(
  src: ArrayLike<number>,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out: T = new Float32Array(dw * dh) as T,
): T {
  checkSizes(src, sw, sh, dw, dh, out);
  const xs = nearestTable(sw, dw);
  const ys = nearestTable(sh, dh);
  for (let y = 0; y < dh; y++) {
    const r = ys[y] * sw;
    const row = y * dw;
    for (let x = 0; x < dw; x++) out[row + x] = src[r + xs[x]];
  }
  return out;
}
