import { describe, it, expect } from 'vitest';
import { autoWindow, clampWindow } from './intensity-window';

function exactPercentile(sorted: Float32Array, pct: number): number {
  return sorted[Math.floor((pct / 100) * (sorted.length - 1))];
}

describe('autoWindow', () => {
  it('matches the sorted 1st and 99th percentiles to a fraction of a histogram bin', () => {
    // A skewed, MR-like distribution: mostly dark background plus a long bright tail.
    const data = new Float32Array(50_000);
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < data.length; i++)
      data[i] = rand() < 0.3 ? rand() * 5 : 200 + rand() ** 4 * 3000;
    const sorted = data.slice().sort();
    const w = autoWindow(data);
    const bin = (sorted[sorted.length - 1] - sorted[0]) / 4096;
    // Two histogram levels: the error is below one sub-bin, far below a first-level bin.
    expect(Math.abs(w.min - exactPercentile(sorted, 1))).toBeLessThanOrEqual(bin / 1000);
    expect(Math.abs(w.max - exactPercentile(sorted, 99))).toBeLessThanOrEqual(bin / 1000);
  });

  it('ignores outliers beyond the percentiles', () => {
    const data = new Float32Array(1000).map((_, i) => i % 100);
    data[0] = 1e6;
    const w = autoWindow(data);
    // Ranks 9 and 989 of the sorted values hold 1 and 99, even with a 1e6 outlier.
    expect(w.max).toBeCloseTo(99, 0);
    expect(w.min).toBeCloseTo(1, 0);
  });

  it('skips NaN and infinities and handles constant or empty data', () => {
    expect(autoWindow(new Float32Array([NaN, Infinity, 4, 4]))).toEqual({ min: 4, max: 5 });
    expect(autoWindow(new Float32Array([NaN]))).toEqual({ min: 0, max: 1 });
  });
});

describe('clampWindow', () => {
  it('keeps max above min and replaces non-numbers', () => {
    expect(clampWindow({ min: 5, max: 2 }, { min: 0, max: 1 }).max).toBeGreaterThan(5);
    expect(clampWindow({ min: NaN, max: 9 }, { min: 1, max: 2 })).toEqual({ min: 1, max: 9 });
  });
});
