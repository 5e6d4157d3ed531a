/**
 * Keeps the largest 26-connected foreground region of a 3-D mask. A slice-by-slice (2-D)
 * network sees no neighbouring slices, so it leaves scattered false positives above and
 * below an organ; one organ is one region, and everything apart from the largest region
 * can go.
 */

/**
 * Zeroes every foreground voxel (value > 0) of `mask` (nx * ny * nz, x fastest) outside
 * its largest 26-connected region, in place; returns the number of voxels removed.
 */
export function keepLargestComponent(
  mask: Uint8Array,
  dims: readonly [number, number, number],
): number {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const labels = new Int32Array(mask.length);
  const stack = new Int32Array(mask.length);
  const sizes = [0];
  for (let seed = 0; seed < mask.length; seed++) {
    if (mask[seed] === 0 || labels[seed] !== 0) continue;
    const id = sizes.length;
    let size = 0;
    let top = 0;
    stack[top++] = seed;
    labels[seed] = id;
    while (top > 0) {
      const v = stack[--top];
      size++;
      const x = v % nx;
      const y = ((v - x) / nx) % ny;
      const z = (v - x - y * nx) / plane;
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= nz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= nx) continue;
            const w = zz * plane + yy * nx + xx;
            if (mask[w] !== 0 && labels[w] === 0) {
              labels[w] = id;
              stack[top++] = w;
            }
          }
        }
      }
    }
    sizes.push(size);
  }
  if (sizes.length <= 2) return 0;
  let keep = 1;
  for (let id = 2; id < sizes.length; id++) if (sizes[id] > sizes[keep]) keep = id;
  let removed = 0;
  for (let i = 0; i < mask.length; i++) {
    if (labels[i] !== 0 && labels[i] !== keep) {
      mask[i] = 0;
      removed++;
    }
  }
  return removed;
}
