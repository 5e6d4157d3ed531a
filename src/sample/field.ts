/**
 * Smooth random fields for the phantom: value noise on a coarse lattice, interpolated with
 * a smoothstep so that textures (fat lobules, marrow, bowel content) have no grid seams.
 */
import type { Rng } from './rng';

interface AxisLookup {
  cell: Int32Array;
  weight: Float32Array;
  lattice: number;
}

function axisLookup(n: number, step: number, cellMm: number): AxisLookup {
  const perCell = cellMm / step;
  const cell = new Int32Array(n);
  const weight = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i / perCell;
    const c = Math.floor(p);
    const f = p - c;
    cell[i] = c;
    weight[i] = f * f * (3 - 2 * f);
  }
  return { cell, weight, lattice: Math.floor((n - 1) / perCell) + 2 };
}

/**
 * Interpolates along the fastest axis of `src` (rows of `from` values) to rows of `to`
 * values, transposing so the next axis becomes the fastest: three calls interpolate all
 * three axes while reading memory in order.
 */
function upsampleRows(src: Float32Array, from: number, axis: AxisLookup): Float32Array {
  const rows = src.length / from;
  const to = axis.cell.length;
  const out = new Float32Array(rows * to);
  for (let r = 0; r < rows; r++) {
    const base = r * from;
    for (let i = 0; i < to; i++) {
      const a = src[base + axis.cell[i]];
      out[i * rows + r] = a + axis.weight[i] * (src[base + axis.cell[i] + 1] - a);
    }
  }
  return out;
}

/**
 * A field in [-1, 1] over an (nx, ny, nz) grid with voxel size `spacing` (mm), varying on
 * the scale of `cellMm`. Draws exactly one number per lattice node from `rng`.
 */
export function smoothField(
  rng: Rng,
  dims: [number, number, number],
  spacing: [number, number, number],
  cellMm: number,
): Float32Array {
  const ax = axisLookup(dims[0], spacing[0], cellMm);
  const ay = axisLookup(dims[1], spacing[1], cellMm);
  const az = axisLookup(dims[2], spacing[2], cellMm);
  const nodes = new Float32Array(ax.lattice * ay.lattice * az.lattice);
  for (let n = 0; n < nodes.length; n++) nodes[n] = 2 * rng() - 1;
  // Lattice (x fastest) -> (y, z, x) -> (z, x, y) -> (x, y, z): back in volume order.
  const alongX = upsampleRows(nodes, ax.lattice, ax);
  const alongY = upsampleRows(alongX, ay.lattice, ay);
  return upsampleRows(alongY, az.lattice, az);
}
