/**
 * How a slice of any in-plane grid meets the model's square input. 'resize' scales the
 * whole field of view to the input edge (the default: every grid fits). 'crop' keeps the
 * scan's own resolution and takes the centred window of the input's size, padding where
 * the slice is smaller: for full field-of-view clinical scans, where resizing to a small
 * input would blur a small organ, when the organ lies near the centre of the field.
 */

export type SliceFit = 'resize' | 'crop';

/** First source index of the centred window of `size` in an edge of `n` (negative: padding). */
export function cropOrigin(n: number, size: number): number {
  return Math.floor((n - size) / 2);
}

/**
 * Copies the centred `size` x `size` window of `src` (nx * ny, x fastest) into `out`,
 * with `pad` where the window leaves the slice.
 */
export function cropSlice<T extends Float32Array | Uint8Array>(
  src: ArrayLike<number>,
  nx: number,
  ny: number,
  size: number,
  pad: number,
  out: T,
): T {
  const ox = cropOrigin(nx, size);
  const oy = cropOrigin(ny, size);
  for (let y = 0; y < size; y++) {
    const sy = y + oy;
    for (let x = 0; x < size; x++) {
      const sx = x + ox;
      out[y * size + x] = sx >= 0 && sx < nx && sy >= 0 && sy < ny ? src[sy * nx + sx] : pad;
    }
  }
  return out;
}

/**
 * The inverse of {@link cropSlice}: a `size` x `size` map placed back on the nx * ny grid,
 * `fill` outside the window.
 */
export function uncropSlice(
  src: ArrayLike<number>,
  size: number,
  nx: number,
  ny: number,
  fill: number,
): Float32Array {
  const out = new Float32Array(nx * ny).fill(fill);
  const ox = cropOrigin(nx, size);
  const oy = cropOrigin(ny, size);
  for (let y = Math.max(0, -oy); y < Math.min(size, ny - oy); y++) {
    for (let x = Math.max(0, -ox); x < Math.min(size, nx - ox); x++) {
      out[(y + oy) * nx + x + ox] = src[y * size + x];
    }
  }
  return out;
}
