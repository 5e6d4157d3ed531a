import { describe, expect, it } from 'vitest';
import { squaredDistanceTransform, type Grid3 } from './edt';

/** Nearest-feature search over every pair: slow, obviously right. */
function bruteForce(features: Uint8Array, dims: Grid3, spacing: Grid3): number[] {
  const [nx, ny, nz] = dims;
  const points: [number, number, number][] = [];
  for (let idx = 0; idx < features.length; idx++) {
    if (features[idx])
      points.push([idx % nx, Math.floor(idx / nx) % ny, Math.floor(idx / (nx * ny))]);
  }
  const out: number[] = [];
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        let best = Infinity;
        for (const [a, b, c] of points) {
          const d =
            ((i - a) * spacing[0]) ** 2 + ((j - b) * spacing[1]) ** 2 + ((k - c) * spacing[2]) ** 2;
          if (d < best) best = d;
        }
        out.push(best);
      }
  return out;
}

/** Deterministic pseudo-random mask (mulberry32) with about `density` foreground. */
function randomMask(n: number, density: number, seed: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 < density ? 1 : 0;
  }
  return out;
}

describe('squaredDistanceTransform', () => {
  it('gives squared mm along a line with the spacing of that axis', () => {
    const f = squaredDistanceTransform(Uint8Array.from([0, 0, 1, 0, 0]), [5, 1, 1], [2, 1, 1]);
    expect([...f]).toEqual([16, 4, 0, 4, 16]);
  });

  it('takes the nearer of two features', () => {
    const f = squaredDistanceTransform(Uint8Array.from([1, 0, 0, 0, 1, 0]), [6, 1, 1], [1, 1, 1]);
    expect([...f]).toEqual([0, 1, 4, 1, 0, 1]);
  });

  it('is Infinity everywhere without a feature', () => {
    const f = squaredDistanceTransform(new Uint8Array(8), [2, 2, 2], [1, 1, 1]);
    expect([...f].every((d) => d === Infinity)).toBe(true);
  });

  it('combines anisotropic axes: one feature, distance sqrt(1 + 4 + 9)', () => {
    const dims: Grid3 = [2, 2, 2];
    const mask = new Uint8Array(8);
    mask[0] = 1;
    const f = squaredDistanceTransform(mask, dims, [1, 2, 3]);
    expect(f[7]).toBeCloseTo(14, 12);
    expect(f[4]).toBeCloseTo(9, 12);
  });

  it('matches a brute-force search on random anisotropic grids', () => {
    const cases: [Grid3, Grid3, number][] = [
      [[7, 5, 4], [0.5, 1.2, 3], 0.08],
      [[9, 6, 3], [0.3, 0.3, 3.6], 0.02],
      [[5, 8, 6], [2, 1, 0.7], 0.3],
    ];
    cases.forEach(([dims, spacing, density], n) => {
      const mask = randomMask(dims[0] * dims[1] * dims[2], density, 11 + n);
      mask[3] = 1;
      const fast = squaredDistanceTransform(mask, dims, spacing);
      const slow = bruteForce(mask, dims, spacing);
      slow.forEach((d, i) => expect(fast[i]).toBeCloseTo(d, 9));
    });
  });

  it('rejects a mask that does not fit the grid and non-positive spacing', () => {
    expect(() => squaredDistanceTransform(new Uint8Array(7), [2, 2, 2], [1, 1, 1])).toThrow(
      RangeError,
    );
    expect(() => squaredDistanceTransform(new Uint8Array(8), [2, 2, 2], [1, 0, 1])).toThrow(
      RangeError,
    );
  });
});
