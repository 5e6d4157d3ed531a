import { describe, it, expect } from 'vitest';
import type { Volume } from '../../io/volume';
import { labelContour, maskContour } from './contour';

/** Builds a volume from one string per axial slice, rows top (j = 0) to bottom. */
function volumeFromSlices(slices: string[][]): Volume {
  const nz = slices.length;
  const ny = slices[0].length;
  const nx = slices[0][0].length;
  const data = new Float32Array(nx * ny * nz);
  slices.forEach((rows, k) =>
    rows.forEach((row, j) =>
      [...row].forEach((ch, i) => {
        data[k * nx * ny + j * nx + i] = ch === '.' ? 0 : Number(ch);
      }),
    ),
  );
  return {
    dims: [nx, ny, nz],
    spacing: [1, 1, 3],
    data,
    sourceType: 'uint8',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1],
  };
}

function slicesOf(vol: Volume): string[][] {
  const [nx, ny, nz] = vol.dims;
  const out: string[][] = [];
  for (let k = 0; k < nz; k++) {
    const rows: string[] = [];
    for (let j = 0; j < ny; j++) {
      let row = '';
      for (let i = 0; i < nx; i++) {
        const v = vol.data[k * nx * ny + j * nx + i];
        row += v === 0 ? '.' : String(v);
      }
      rows.push(row);
    }
    out.push(rows);
  }
  return out;
}

describe('maskContour', () => {
  it('keeps the ring of a filled square and drops its interior', () => {
    const vol = volumeFromSlices([['......', '.1111.', '.1111.', '.1111.', '.1111.', '......']]);
    expect(slicesOf(maskContour(vol))).toEqual([
      ['......', '.1111.', '.1..1.', '.1..1.', '.1111.', '......'],
    ]);
  });

  it('uses only in-plane neighbours: slices above and below do not matter', () => {
    const full = ['.....', '.111.', '.111.', '.111.', '.....'];
    const vol = volumeFromSlices([full, full, full]);
    const ring = ['.....', '.111.', '.1.1.', '.111.', '.....'];
    // The middle slice is covered above and below but still has its centre removed only.
    expect(slicesOf(maskContour(vol))).toEqual([ring, ring, ring]);
  });

  it('ignores diagonal neighbours (4-connectivity)', () => {
    const vol = volumeFromSlices([['.....', '.111.', '.111.', '.111.', '....1']]);
    // The centre voxel touches background only diagonally, so it is interior.
    expect(slicesOf(maskContour(vol))[0][2]).toBe('.1.1.');
  });

  it('closes outlines at the slice edge', () => {
    const vol = volumeFromSlices([['111', '111', '111']]);
    expect(slicesOf(maskContour(vol))).toEqual([['111', '1.1', '111']]);
  });

  it('selects one value of a label map when asked', () => {
    const vol = volumeFromSlices([['.....', '.222.', '.252.', '.222.', '.....']]);
    expect(slicesOf(maskContour(vol, 5))).toEqual([['.....', '.....', '..1..', '.....', '.....']]);
    expect(slicesOf(maskContour(vol, 2))).toEqual([['.....', '.111.', '.1.1.', '.111.', '.....']]);
    // Without a value all non-zero voxels form one region whose centre is interior.
    expect(slicesOf(maskContour(vol))[0][2]).toBe('.1.1.');
  });

  it('keeps the grid and leaves the input untouched', () => {
    const vol = volumeFromSlices([['.1.', '111', '.1.']]);
    const before = vol.data.slice();
    const out = maskContour(vol);
    expect(out.dims).toEqual(vol.dims);
    expect(out.affine).toEqual(vol.affine);
    expect(out.data).not.toBe(vol.data);
    expect(vol.data).toEqual(before);
  });
});

describe('labelContour', () => {
  it('outlines each class, including where two classes touch', () => {
    const vol = volumeFromSlices([['......', '.3333.', '.3333.', '.5555.', '.5555.', '......']]);
    expect(slicesOf(labelContour(vol))).toEqual([
      ['......', '.3333.', '.3333.', '.5555.', '.5555.', '......'],
    ]);
    const big = volumeFromSlices([['.......', '.33333.', '.33333.', '.33333.', '.......']]);
    expect(slicesOf(labelContour(big))[0][2]).toBe('.3...3.');
  });
});
