/**
 * Resampling whole volumes between grids that cover the same extent: every voxel is the
 * same physical box on both grids' scale, voxel centres at (i + 0.5) * extent / n. 3-D
 * networks see every scan at one voxel spacing (a structure the same size in voxels
 * whatever the scanner), and their probabilities go back to the scan's own grid the same
 * way. Images use trilinear interpolation (three separable 1-D passes), labels nearest
 * neighbour; both clamp at the edges.
 */

export type Grid3 = readonly [number, number, number];

/** Voxels per axis of a grid of `spacing` over the extent of `dims` x `from` (at least 1). */
export function gridForSpacing(dims: Grid3, from: Grid3, spacing: Grid3): [number, number, number] {
  return [0, 1, 2].map((a) => Math.max(1, Math.round((dims[a] * from[a]) / spacing[a]))) as [
    number,
    number,
    number,
  ];
}

/** Source position (in source voxel units) of target voxel `j` along one axis. */
function sourceAt(j: number, from: number, to: number): number {
  return ((j + 0.5) * from) / to - 0.5;
}

/** One axis of linear resampling of `src` (dims `d`, x fastest) into a new array. */
function linearAxis(
  src: Float32Array,
  d: [number, number, number],
  axis: 0 | 1 | 2,
  to: number,
): { out: Float32Array; dims: [number, number, number] } {
  const from = d[axis];
  const dims: [number, number, number] = [...d];
  dims[axis] = to;
  const out = new Float32Array(dims[0] * dims[1] * dims[2]);
  const lo = new Int32Array(to);
  const hi = new Int32Array(to);
  const w = new Float32Array(to);
  for (let j = 0; j < to; j++) {
    const u = Math.min(from - 1, Math.max(0, sourceAt(j, from, to)));
    lo[j] = Math.floor(u);
    hi[j] = Math.min(from - 1, lo[j] + 1);
    w[j] = u - lo[j];
  }
  const strideIn = axis === 0 ? 1 : axis === 1 ? d[0] : d[0] * d[1];
  const strideOut = axis === 0 ? 1 : axis === 1 ? dims[0] : dims[0] * dims[1];
  // Loop over every line along `axis`: its start in the source and in the output.
  const [n0, n1] = axis === 0 ? [d[1], d[2]] : axis === 1 ? [d[0], d[2]] : [d[0], d[1]];
  for (let b = 0; b < n1; b++) {
    for (let a = 0; a < n0; a++) {
      let s0: number;
      let o0: number;
      if (axis === 0) [s0, o0] = [(b * d[1] + a) * d[0], (b * dims[1] + a) * dims[0]];
      else if (axis === 1) [s0, o0] = [b * d[0] * d[1] + a, b * dims[0] * dims[1] + a];
      else [s0, o0] = [b * d[0] + a, b * dims[0] + a];
      for (let j = 0; j < to; j++) {
        const v0 = src[s0 + lo[j] * strideIn];
        const v1 = src[s0 + hi[j] * strideIn];
        out[o0 + j * strideOut] = v0 + (v1 - v0) * w[j];
      }
    }
  }
  return { out, dims };
}

/** Trilinear resampling of a volume (x fastest) from grid `from` to grid `to`. */
export function resampleLinear(src: Float32Array, from: Grid3, to: Grid3): Float32Array {
  if (from[0] === to[0] && from[1] === to[1] && from[2] === to[2]) return Float32Array.from(src);
  let cur = { out: src, dims: [...from] as [number, number, number] };
  for (const axis of [0, 1, 2] as const) {
    if (cur.dims[axis] !== to[axis]) cur = linearAxis(cur.out, cur.dims, axis, to[axis]);
  }
  return cur.out === src ? Float32Array.from(src) : cur.out;
}

/** Nearest-neighbour resampling of a label volume (x fastest) from grid `from` to `to`. */
export function resampleNearest(src: ArrayLike<number>, from: Grid3, to: Grid3): Uint8Array {
  const index = (a: 0 | 1 | 2) =>
    Int32Array.from({ length: to[a] }, (_, j) =>
      Math.min(from[a] - 1, Math.max(0, Math.round(sourceAt(j, from[a], to[a])))),
    );
  const [ix, iy, iz] = [index(0), index(1), index(2)];
  const out = new Uint8Array(to[0] * to[1] * to[2]);
  let o = 0;
  for (let z = 0; z < to[2]; z++) {
    for (let y = 0; y < to[1]; y++) {
      const row = (iz[z] * from[1] + iy[y]) * from[0];
      for (let x = 0; x < to[0]; x++) out[o++] = src[row + ix[x]];
    }
  }
  return out;
}
