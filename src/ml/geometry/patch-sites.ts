/**
 * Where training patches are cut. Seed 002 samples sub-volumes "from background and
 * prostate with equal probability": each candidate patch is named by the voxel at its
 * centre, candidates lie on a lattice over every training volume (a few voxels apart, so a
 * pass covers each volume many times over without listing every voxel), and a candidate
 * counts as foreground when its centre voxel is. The studio's sampler then draws
 * foreground and background candidates with equal probability (class-balanced sampling),
 * as it does for slices.
 */
import type { Vec3 } from './windows';

/** Lattice spacing [z, y, x] for a patch [D, S, S]: about 8 candidates along each edge. */
export function latticeStep(patch: Vec3): Vec3 {
  return [
    Math.max(1, Math.floor(patch[0] / 8)),
    Math.max(1, Math.floor(patch[1] / 8)),
    Math.max(1, Math.floor(patch[2] / 8)),
  ];
}

/** Candidate centres of one volume: flat voxel indices, and whether each is foreground. */
export function latticeSites(
  classes: Uint8Array,
  dims: readonly [number, number, number],
  step: Vec3,
): { voxels: number[]; foreground: boolean[] } {
  const [nx, ny, nz] = dims;
  const voxels: number[] = [];
  const foreground: boolean[] = [];
  // Offset by half a step, so the lattice sits inside the volume symmetrically.
  for (let z = step[0] >> 1; z < nz; z += step[0])
    for (let y = step[1] >> 1; y < ny; y += step[1])
      for (let x = step[2] >> 1; x < nx; x += step[2]) {
        const v = (z * ny + y) * nx + x;
        voxels.push(v);
        foreground.push(classes[v] > 0);
      }
  return { voxels, foreground };
}

/**
 * The origin [z, y, x] of the patch centred on voxel `v`, moved inside the volume along
 * each axis where the volume is at least as long as the patch (less padding, the centre
 * voxel still inside), and centred on the volume where it is shorter.
 */
export function originFor(v: number, dims: readonly [number, number, number], patch: Vec3): Vec3 {
  const [nx, ny] = dims;
  const centre: Vec3 = [Math.floor(v / (nx * ny)), Math.floor(v / nx) % ny, v % nx];
  const lengths: Vec3 = [dims[2], dims[1], dims[0]];
  return centre.map((c, a) => {
    const n = lengths[a];
    const size = patch[a];
    if (n <= size) return Math.floor((n - size) / 2);
    return Math.min(n - size, Math.max(0, c - Math.floor(size / 2)));
  }) as Vec3;
}

/** Patches that tile a volume without overlap: one pass's worth of samples. */
export function tilesOf(dims: readonly [number, number, number], patch: Vec3): number {
  return (
    Math.ceil(dims[2] / patch[0]) * Math.ceil(dims[1] / patch[1]) * Math.ceil(dims[0] / patch[2])
  );
}
