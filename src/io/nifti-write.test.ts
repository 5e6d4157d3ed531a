import { describe, it, expect } from 'vitest';
import { writeNifti } from './nifti-write';
import { readNifti } from './nifti-read';
import { parseNiftiHeader } from './nifti-header';
import { matMul4, voxelToWorld } from './affine';
import { ramp } from './test-fixtures';
import type { Volume, VoxelType } from './volume';

const RANGES: [VoxelType, number, number][] = [
  ['uint8', 0, 255],
  ['int8', -128, 127],
  ['int16', -32768, 32767],
  ['uint16', 0, 65535],
  ['int32', -2147483520, 2147483520], // float32-exact ends
  ['float32', -3.5e5, 1.25e7],
  ['float64', -1e-3, 2.5e-2],
];

/** Rotation by `angle` about z, then scaling: oblique but still closest to RAS. */
function obliqueAffine(spacing: [number, number, number], angle: number): number[] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const r = [c, -s, 0, -91.25, s, c, 0, 102.5, 0, 0, 1, -33.75, 0, 0, 0, 1];
  return matMul4(r, [spacing[0], 0, 0, 0, 0, spacing[1], 0, 0, 0, 0, spacing[2], 0, 0, 0, 0, 1]);
}

function volume(type: VoxelType, lo: number, hi: number): Volume {
  const dims: [number, number, number] = [7, 5, 3];
  const spacing: [number, number, number] = [0.4, 0.6, 2.5];
  const n = dims[0] * dims[1] * dims[2];
  const integer = !type.startsWith('float');
  const values = integer
    ? ramp(n, lo, hi)
    : Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return {
    dims,
    spacing,
    data: Float32Array.from(values),
    sourceType: type,
    affine: obliqueAffine(spacing, 0.3),
  };
}

function expectSameVolume(back: Volume, vol: Volume): void {
  expect(back.dims).toEqual(vol.dims);
  back.spacing.forEach((s, i) => expect(s).toBeCloseTo(vol.spacing[i], 6));
  back.affine.forEach((a, i) => expect(Math.abs(a - vol.affine[i])).toBeLessThan(1e-5));
  expect(back.data).toEqual(vol.data);
}

describe('writeNifti / readNifti round trip', () => {
  for (const [type, lo, hi] of RANGES) {
    for (const gzip of [false, true]) {
      it(`${type}${gzip ? ', gzip' : ''}`, () => {
        const vol = volume(type, lo, hi);
        const bytes = writeNifti(vol, { gzip });
        expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gzip);
        const [back] = readNifti(bytes, `rt.nii${gzip ? '.gz' : ''}`);
        expect(back.sourceType).toBe(type);
        expectSameVolume(back, vol);
      });
    }
  }

  it('writes a valid n+1 header with sform (aligned) and qform (scanner) that agree', () => {
    const vol = volume('int16', -5, 5);
    const bytes = writeNifti(vol, { type: 'float32', description: 'prediction ünet' });
    const h = parseNiftiHeader(bytes, 'x.nii');
    expect(h.magic).toBe('n+1');
    expect([h.voxOffset, h.datatype, h.bitpix]).toEqual([352, 16, 32]);
    expect([h.sformCode, h.qformCode]).toEqual([2, 1]);
    expect(h.pixdim.slice(1, 4).map((p) => Number(p.toFixed(5)))).toEqual(vol.spacing);
    expect(h.descrip).toBe('prediction ?net');
    expect(bytes.length).toBe(352 + 4 * 105);
    // Drop the sform: the qform alone must place the grid at the same spot.
    new DataView(bytes.buffer).setInt16(254, 0, true);
    const [viaQform] = readNifti(bytes, 'q.nii');
    viaQform.affine.forEach((a, i) => expect(a).toBeCloseTo(vol.affine[i], 4));
  });

  it('rounds and clamps values to an integer type', () => {
    const vol: Volume = { ...volume('float32', 0, 1), data: new Float32Array(105).fill(0.4) };
    vol.data.set([-3, 1.5, 2.49, 300, Number.NaN]);
    const [back] = readNifti(writeNifti(vol, { type: 'uint8' }), 'u8.nii');
    expect(Array.from(back.data.subarray(0, 6))).toEqual([0, 2, 2, 255, 0, 0]);
  });

  it('a non-canonical volume comes back reoriented with every value at its world position', () => {
    const vol = volume('int16', -1000, 1000);
    // Swap i and j, flip k: an "ALI"-like grid.
    vol.affine = [0, 0.6, 0, -20, 0.4, 0, 0, 30, 0, 0, -2.5, 40, 0, 0, 0, 1];
    const [back] = readNifti(writeNifti(vol, { gzip: true }), 'p.nii.gz');
    expect(back.dims).toEqual([5, 7, 3]);
    expect(back.spacing.map((s) => Number(s.toFixed(5)))).toEqual([0.6, 0.4, 2.5]);
    const [nx, ny] = vol.dims;
    for (let k = 0; k < 3; k++) {
      for (let j = 0; j < 7; j++) {
        for (let i = 0; i < 5; i++) {
          const w = voxelToWorld(back.affine, i, j, k);
          // Invert the source affine by hand: x = 0.6 sj - 20, y = 0.4 si + 30, z = -2.5 sk + 40.
          const si = Math.round((w[1] - 30) / 0.4);
          const sj = Math.round((w[0] + 20) / 0.6);
          const sk = Math.round((40 - w[2]) / 2.5);
          expect(back.data[i + 5 * (j + 7 * k)]).toBe(vol.data[si + nx * (sj + ny * sk)]);
        }
      }
    }
  });

  it('rejects data that does not fill the grid', () => {
    const vol = { ...volume('uint8', 0, 9), data: new Float32Array(10) };
    expect(() => writeNifti(vol)).toThrow(/10 values for a 7x5x3 grid/);
  });
});
