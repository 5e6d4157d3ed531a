/**
 * Back onto a file's own grid. The studio keeps every volume on its canonical grid (axes
 * reordered and flipped to run toward R, A and S), which viewers place correctly through
 * the affine; a mask written for a scan should also match the scan voxel for voxel, for
 * tools that compare arrays (nnU-Net, numpy, evaluation scripts). The canonical grid is a
 * permutation and flip of the source grid, so this is an exact reindexing.
 */
import { canonicalPlan } from './orientation';
import type { SourceGrid, Volume } from './volume';

/** `vol` (on the canonical grid of `grid`) reindexed onto `grid`. */
export function toSourceGrid(vol: Volume, grid: SourceGrid): Volume {
  const plan = canonicalPlan(grid.dims, grid.spacing, grid.affine);
  if (plan.dims.some((n, i) => n !== vol.dims[i])) {
    throw new RangeError(
      `a ${vol.dims.join('x')} volume is not on the canonical grid of ${grid.dims.join('x')}`,
    );
  }
  const [nx, ny, nz] = vol.dims;
  const out = new Float32Array(vol.data.length);
  let c = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let src = plan.base + j * plan.steps[1] + k * plan.steps[2];
      for (let i = 0; i < nx; i++, c++, src += plan.steps[0]) out[src] = vol.data[c];
    }
  }
  const { sourceGrid: _, ...rest } = vol;
  return {
    ...rest,
    dims: [...grid.dims],
    spacing: [...grid.spacing],
    affine: [...grid.affine],
    data: out,
  };
}

/** `vol` on the source grid of `like` (the scan it was made for), or as it is. */
export function onSourceGrid(vol: Volume, like: Volume | undefined = vol): Volume {
  const grid = like?.sourceGrid;
  return grid ? toSourceGrid(vol, grid) : vol;
}
