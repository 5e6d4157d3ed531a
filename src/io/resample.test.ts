import { describe, it, expect } from 'vitest';
import { extractSlice, insertSlice, resizeBilinear, resizeNearest } from './resample';
import type { Volume } from './volume';

function volume(): Volume {
  return {
    dims: [3, 2, 4],
    spacing: [1, 1, 1],
    data: Float32Array.from({ length: 24 }, (_, i) => i),
    sourceType: 'float32',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
  };
}

describe('extractSlice / insertSlice', () => {
  it('copies axial slice k and writes one back', () => {
    const vol = volume();
    const s = extractSlice(vol, 2);
    expect(Array.from(s)).toEqual([12, 13, 14, 15, 16, 17]);
    s[0] = -1;
    expect(vol.data[12]).toBe(12);
    insertSlice(vol, 3, [0, 0, 0, 0, 0, 7]);
    expect(Array.from(vol.data.subarray(18))).toEqual([0, 0, 0, 0, 0, 7]);
    const buf = new Float32Array(6);
    expect(extractSlice(vol, 0, buf)).toBe(buf);
    expect(Array.from(buf)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects out-of-range slices and wrong sizes', () => {
    expect(() => extractSlice(volume(), 4)).toThrow(RangeError);
    expect(() => insertSlice(volume(), 0, [1, 2])).toThrow(RangeError);
  });
});

describe('resizeBilinear', () => {
  it('keeps a same-size image', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(resizeBilinear(src, 3, 2, 3, 2))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('interpolates with pixel-centre alignment (2 -> 4 like tf.image half-pixel centres)', () => {
    // Destination centres at source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    const out = resizeBilinear([0, 4], 2, 1, 4, 1);
    expect(Array.from(out)).toEqual([0, 1, 3, 4]);
  });

  it('reproduces a linear ramp exactly inside the image, and averages when shrinking by 2', () => {
    const w = 16;
    const src = Float32Array.from({ length: w * w }, (_, i) => 3 * (i % w) + 2 * Math.floor(i / w));
    const up = resizeBilinear(src, w, w, 32, 32);
    // Output pixel (x, y) sits at source ((x + 0.5) / 2 - 0.5, ...).
    const x = 10;
    const y = 21;
    expect(up[y * 32 + x]).toBeCloseTo(3 * ((x + 0.5) / 2 - 0.5) + 2 * ((y + 0.5) / 2 - 0.5), 5);
    const down = resizeBilinear(src, w, w, 8, 8);
    expect(down[3 * 8 + 5]).toBeCloseTo((3 * (10 + 11) + 2 * (6 + 7)) / 2, 5);
  });

  it('writes into a given typed array', () => {
    const out = new Float64Array(4);
    expect(resizeBilinear([1, 1, 1, 1], 2, 2, 2, 2, out)).toBe(out);
    expect(() => resizeBilinear([1, 2, 3], 2, 2, 2, 2)).toThrow(RangeError);
  });

  it('is fast: a 384x384 slice to 256x256 many times', () => {
    const src = Float32Array.from({ length: 384 * 384 }, (_, i) => i % 997);
    const out = new Float32Array(256 * 256);
    const t0 = performance.now();
    for (let r = 0; r < 50; r++) resizeBilinear(src, 384, 384, 256, 256, out);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('resizeNearest', () => {
  it('only produces input values (label classes never blend)', () => {
    const src = Uint8Array.from({ length: 25 }, (_, i) => i % 3);
    const out = resizeNearest(src, 5, 5, 13, 7, new Uint8Array(91));
    expect(out).toBeInstanceOf(Uint8Array);
    expect(new Set(out)).toEqual(new Set([0, 1, 2]));
  });

  it('doubles and halves by repeating and picking pixels', () => {
    expect(Array.from(resizeNearest([1, 2, 3, 4], 2, 2, 4, 2))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    // Each output pixel takes the source pixel under its centre: x 1 and 3 of row 1.
    expect(Array.from(resizeNearest([1, 2, 3, 4, 5, 6, 7, 8], 4, 2, 2, 1))).toEqual([6, 8]);
  });
});
