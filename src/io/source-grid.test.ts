import { describe, expect, it } from 'vitest';
import { readNifti } from './nifti-read';
import { writeNifti } from './nifti-write';
import { onSourceGrid, toSourceGrid } from './source-grid';
import { buildNifti, ramp } from './test-fixtures';

const [NX, NY, NZ] = [3, 4, 5];

/** A file on a grid whose axes the reader reorders and flips: j -> left, i -> posterior. */
function swappedFile(values: readonly number[]): Uint8Array {
  return buildNifti({
    dims: [NX, NY, NZ],
    datatype: 16,
    values,
    sformCode: 1,
    srow: [0, -1, 0, 10, -1, 0, 0, 20, 0, 0, 2, 30],
    pixdim: [1, 0.5, 0.75, 2, 1, 1, 1, 1],
  });
}

describe('toSourceGrid', () => {
  it("puts a volume read from a reoriented file back in the file's own voxel order", () => {
    const values = ramp(NX * NY * NZ, 0, 59);
    const [vol] = readNifti(swappedFile(values), 'scan.nii');
    // Read on the canonical grid: the first two axes swapped.
    expect(vol.dims).toEqual([NY, NX, NZ]);
    expect(vol.sourceGrid?.dims).toEqual([NX, NY, NZ]);
    const back = onSourceGrid({ ...vol, data: vol.data.map((v) => v + 1) });
    expect(back.dims).toEqual([NX, NY, NZ]);
    expect(back.spacing).toEqual([0.5, 0.75, 2]);
    expect(back.affine).toEqual([0, -1, 0, 10, -1, 0, 0, 20, 0, 0, 2, 30, 0, 0, 0, 1]);
    expect(Array.from(back.data)).toEqual(values.map((v) => v + 1));
    expect(back.sourceGrid).toBeUndefined();
  });

  it('round-trips through a written file: the same voxels, in file order, at the same place', () => {
    const values = ramp(NX * NY * NZ, 0, 59);
    const [vol] = readNifti(swappedFile(values), 'scan.nii');
    const written = writeNifti(onSourceGrid(vol), { type: 'float32' });
    const [again] = readNifti(written, 'again.nii');
    expect(Array.from(again.data)).toEqual(Array.from(vol.data));
    expect(again.affine.map((x) => +x.toFixed(5))).toEqual(vol.affine.map((x) => +x.toFixed(5)));
  });

  it('leaves a canonical volume as it is, and refuses a volume of another grid', () => {
    const [canonical] = readNifti(
      buildNifti({ dims: [NX, NY, NZ], datatype: 16, values: ramp(60, 0, 59) }),
      'ras.nii',
    );
    expect(canonical.sourceGrid).toBeUndefined();
    expect(onSourceGrid(canonical)).toBe(canonical);
    const [vol] = readNifti(swappedFile(ramp(60, 0, 59)), 'scan.nii');
    const grid = vol.sourceGrid;
    if (!grid) throw new Error('expected a source grid');
    expect(() => toSourceGrid(canonical, grid)).toThrow(/not on the canonical grid/);
  });
});
