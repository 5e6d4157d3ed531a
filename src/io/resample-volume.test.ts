import { describe, expect, it } from 'vitest';
import { gridForSpacing, resampleLinear, resampleNearest } from './resample-volume';

describe('gridForSpacing', () => {
  it('keeps the extent: 0.5 mm voxels become half as many 1 mm voxels', () => {
    expect(gridForSpacing([384, 384, 19], [0.5, 0.5, 3], [1, 1, 2])).toEqual([192, 192, 29]);
    expect(gridForSpacing([3, 3, 1], [1, 1, 1], [10, 10, 10])).toEqual([1, 1, 1]);
  });
});

describe('resampleLinear', () => {
  it('is the identity on the same grid and keeps a linear ramp linear', () => {
    const ramp = Float32Array.from({ length: 8 * 2 * 2 }, (_, i) => i % 8);
    expect(Array.from(resampleLinear(ramp, [8, 2, 2], [8, 2, 2]))).toEqual(Array.from(ramp));
    const up = resampleLinear(ramp, [8, 2, 2], [16, 2, 2]);
    // Centres of the 16 voxels lie at (j + 0.5) / 2 - 0.5 in source units, clamped at 0 and 7.
    expect(up[0]).toBe(0);
    expect(up[5]).toBeCloseTo(2.25, 6);
    expect(up[15]).toBe(7);
  });

  it('averages pairs when halving every axis, and keeps a constant', () => {
    const src = Float32Array.from({ length: 4 * 4 * 4 }, (_, i) => i % 2);
    const half = resampleLinear(src, [4, 4, 4], [2, 2, 2]);
    expect(Array.from(half)).toEqual(new Array(8).fill(0.5));
    const flat = resampleLinear(new Float32Array(5 * 6 * 7).fill(3), [5, 6, 7], [9, 4, 3]);
    expect(flat.every((v) => Math.abs(v - 3) < 1e-6)).toBe(true);
  });

  it('goes back and forth along z (through-plane) onto the original grid', () => {
    const src = Float32Array.from({ length: 2 * 2 * 6 }, (_, i) => Math.floor(i / 4));
    const there = resampleLinear(src, [2, 2, 6], [2, 2, 12]);
    const back = resampleLinear(there, [2, 2, 12], [2, 2, 6]);
    // A linear ramp survives exactly inside; the edge slices lose a quarter slice to clamping.
    back.forEach((v, i) => {
      const z = Math.floor(i / 4);
      if (z > 0 && z < 5) expect(v).toBeCloseTo(src[i], 5);
      else expect(Math.abs(v - src[i])).toBeCloseTo(0.125, 5);
    });
  });
});

describe('resampleNearest', () => {
  it('repeats labels when upsampling and picks centres when downsampling', () => {
    const labels = Uint8Array.from([0, 1, 2, 3]);
    expect(Array.from(resampleNearest(labels, [4, 1, 1], [8, 1, 1]))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3,
    ]);
    const z = Uint8Array.from([5, 6, 7, 8, 9, 10]);
    expect(Array.from(resampleNearest(z, [1, 1, 6], [1, 1, 3]))).toEqual([6, 8, 10]);
  });
});
