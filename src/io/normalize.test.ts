import { describe, it, expect } from 'vitest';
import { maskedMeanStd, normalizeVolume, zScore, robustZScore } from './normalize';
import type { Volume } from './volume';

describe('zScore', () => {
  it('gives mean 0 and std 1 over the whole volume', () => {
    const data = Float32Array.from([2, 4, 4, 4, 5, 5, 7, 9]);
    const out = zScore(data);
    expect(Array.from(out)).toEqual([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);
    expect(Array.from(data)).toEqual([2, 4, 4, 4, 5, 5, 7, 9]);
  });

  it('takes the statistics inside the mask but normalizes every voxel', () => {
    const data = Float32Array.from([100, 1, 3, 1, 3, -50]);
    const mask = Uint8Array.from([0, 1, 1, 1, 1, 0]);
    expect(maskedMeanStd(data, mask)).toEqual({ mean: 2, std: 1, count: 4 });
    expect(Array.from(zScore(data, mask))).toEqual([98, -1, 1, -1, 1, -52]);
  });

  it('only centres a constant volume, and can work in place', () => {
    const data = new Float32Array([3, 3, 3]);
    expect(zScore(data, null, data)).toBe(data);
    expect(Array.from(data)).toEqual([0, 0, 0]);
  });

  it('rejects a mask of another size', () => {
    expect(() => zScore(new Float32Array(4), new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('normalizeVolume', () => {
  it('returns a float32 copy, leaving the source alone', () => {
    const vol: Volume = {
      dims: [2, 1, 1],
      spacing: [1, 1, 1],
      data: Float32Array.from([10, 20]),
      sourceType: 'int16',
      affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
    };
    const mask = { ...vol, data: Float32Array.from([1, 1]) };
    const out = normalizeVolume(vol, mask);
    expect(Array.from(out.data)).toEqual([-1, 1]);
    expect(out.sourceType).toBe('float32');
    expect(out.dims).toEqual([2, 1, 1]);
    expect(Array.from(vol.data)).toEqual([10, 20]);
  });
});

describe('robustZScore', () => {
  it('clips hot spots before z-scoring, so tissue contrast does not depend on them', () => {
    // 1000 tissue voxels 100..199 and 3 coil hot spots at 20000.
    const tissue = Array.from({ length: 1000 }, (_, i) => 100 + (i % 100));
    const withSpots = new Float32Array([...tissue, 20000, 20000, 20000]);
    const without = new Float32Array(tissue);
    const a = robustZScore(withSpots);
    const b = robustZScore(without);
    // The same tissue voxel lands at nearly the same normalized value either way...
    expect(Math.abs(a[0] - b[0])).toBeLessThan(0.05);
    expect(Math.abs(a[99] - b[99])).toBeLessThan(0.05);
    // ...while a plain z-score squashes the tissue range towards one value.
    const plain = zScore(withSpots);
    expect(plain[99] - plain[0]).toBeLessThan(0.2 * (a[99] - a[0]));
  });

  it('gives mean 0 and std 1 on data without outliers and keeps a constant volume finite', () => {
    const z = robustZScore(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 4);
    expect(Array.from(robustZScore(new Float32Array([5, 5, 5])))).toEqual([0, 0, 0]);
  });
});
