import { describe, it, expect } from 'vitest';
import { smoothField } from './field';
import { caseSeed, mulberry32, normal } from './rng';

describe('seeded generator', () => {
  it('repeats a sequence for a seed and spreads neighbouring case seeds apart', () => {
    const a = Array.from({ length: 5 }, mulberry32(caseSeed(7)));
    const b = Array.from({ length: 5 }, mulberry32(caseSeed(7)));
    expect(a).toEqual(b);
    expect(new Set([0, 1, 2, 3].map(caseSeed)).size).toBe(4);
    expect(Math.abs(caseSeed(1) - caseSeed(0))).toBeGreaterThan(1e6);
  });

  it('draws uniform and standard normal numbers', () => {
    const rng = mulberry32(1);
    const u = Array.from({ length: 20000 }, rng);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.5, 1);
    const n = Array.from({ length: 20000 }, () => normal(rng));
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    const variance = n.reduce((s, x) => s + (x - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
  });
});

describe('smoothField', () => {
  it('stays in [-1, 1] and varies smoothly between neighbouring voxels', () => {
    const [nx, ny, nz] = [32, 24, 6];
    const f = smoothField(mulberry32(3), [nx, ny, nz], [1.5, 1.5, 3], 6);
    expect(f.length).toBe(nx * ny * nz);
    expect(f.every((v) => v >= -1 && v <= 1)).toBe(true);
    let steps = 0;
    for (let o = 0; o < f.length; o++)
      if (o % nx !== nx - 1) steps = Math.max(steps, Math.abs(f[o + 1] - f[o]));
    // A lattice cell spans 4 voxels, so one voxel moves the value by well under the range.
    expect(steps).toBeLessThan(0.9);
    const spread = Math.max(...f) - Math.min(...f);
    expect(spread).toBeGreaterThan(1);
  });
});
