/**
 * In-plane outlines of masks, computed on the voxel grid so that a contour overlay shows
 * exactly the boundary voxels of the mask on each axial slice (no smoothing, no
 * sub-voxel interpolation) and can be drawn by Niivue as an ordinary opaque label layer.
 */
import type { Volume } from '../../io/volume';

function emptyLike(vol: Volume): Volume {
  return {
    dims: [...vol.dims],
    spacing: [...vol.spacing],
    affine: [...vol.affine],
    data: new Float32Array(vol.data.length),
    sourceType: 'uint8',
  };
}

/**
 * Marks each voxel whose in-plane 4-neighbourhood (same axial slice k) is not all of
 * its own kind. `kind[idx]` is the voxel's class, 0 for background; voxels outside the
 * slice count as background so that masks touching the edge still get closed outlines.
 */
function boundary(vol: Volume, kind: Int32Array, keepValue: boolean): Volume {
  const [nx, ny, nz] = vol.dims;
  const out = emptyLike(vol);
  const plane = nx * ny;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = k * plane + j * nx;
      for (let i = 0; i < nx; i++) {
        const idx = row + i;
        const c = kind[idx];
        if (c === 0) continue;
        const edge =
          i === 0 ||
          i === nx - 1 ||
          j === 0 ||
          j === ny - 1 ||
          kind[idx - 1] !== c ||
          kind[idx + 1] !== c ||
          kind[idx - nx] !== c ||
          kind[idx + nx] !== c;
        if (edge) out.data[idx] = keepValue ? c : 1;
      }
    }
  }
  return out;
}

/**
 * Boundary of a mask, slice by slice: a foreground voxel is on the boundary when one of
 * its 4 in-plane neighbours is background (or lies outside the slice). Foreground is
 * `data === value` when a value is given, any non-zero voxel otherwise.
 * @returns a volume on the same grid with 1 on boundary voxels and 0 elsewhere.
 */
export function maskContour(vol: Volume, value?: number): Volume {
  const kind = new Int32Array(vol.data.length);
  const src = vol.data;
  for (let n = 0; n < src.length; n++) {
    const v = src[n];
    kind[n] = (value === undefined ? v !== 0 && !Number.isNaN(v) : v === value) ? 1 : 0;
  }
  return boundary(vol, kind, false);
}

/**
 * Boundaries of every class of a label map at once: a labelled voxel is on the boundary
 * when an in-plane neighbour has another value (background or another class). Values
 * are rounded to integers.
 * @returns a volume on the same grid holding each boundary voxel's label, 0 elsewhere.
 */
export function labelContour(vol: Volume): Volume {
  const kind = new Int32Array(vol.data.length);
  const src = vol.data;
  for (let n = 0; n < src.length; n++) {
    const v = Math.round(src[n]);
    kind[n] = Number.isFinite(v) ? v : 0;
  }
  return boundary(vol, kind, true);
}
