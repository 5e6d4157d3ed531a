import { describe, expect, it } from 'vitest';
import { cropOrigin, cropSlice, uncropSlice } from './slice-fit';

describe('slice fit by cropping', () => {
  // A 4 x 3 slice whose values are their own indices.
  const slice = Float32Array.from({ length: 12 }, (_, i) => i);

  it('centres the window, padding where the slice is smaller', () => {
    expect(cropOrigin(4, 2)).toBe(1);
    expect(cropOrigin(3, 4)).toBe(-1);
    // 2 x 2 window from x 1..2, y 0..1 (floor((3 - 2) / 2) = 0).
    expect(Array.from(cropSlice(slice, 4, 3, 2, -9, new Float32Array(4)))).toEqual([1, 2, 5, 6]);
    // 4 x 4 window: x 0..3, y -1..2: the first row is padding.
    expect(Array.from(cropSlice(slice, 4, 3, 4, -9, new Float32Array(16)))).toEqual([
      -9, -9, -9, -9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('puts a window back where it came from, filling the rest', () => {
    const window = cropSlice(slice, 4, 3, 2, 0, new Float32Array(4));
    expect(Array.from(uncropSlice(window, 2, 4, 3, -1))).toEqual([
      -1, 1, 2, -1, -1, 5, 6, -1, -1, -1, -1, -1,
    ]);
    const padded = cropSlice(slice, 4, 3, 4, 0, new Float32Array(16));
    expect(Array.from(uncropSlice(padded, 4, 4, 3, -1))).toEqual(Array.from(slice));
  });

  it('crops class maps into bytes', () => {
    const classes = Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(cropSlice(classes, 4, 3, 2, 0, new Uint8Array(4)))).toEqual([1, 1, 1, 1]);
  });
});
