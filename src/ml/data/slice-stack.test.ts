import { describe, expect, it } from 'vitest';
import { stackSlice } from './slice-stack';

/** 4 slices of 2 pixels and 2 channels; value = 100 * z + 10 * pixel + channel. */
const images = Float32Array.from({ length: 4 * 2 * 2 }, (_, n) => {
  const c = n % 2;
  const i = Math.floor(n / 2) % 2;
  const z = Math.floor(n / 4);
  return 100 * z + 10 * i + c;
});

describe('stackSlice', () => {
  it('is the slice itself without context', () => {
    expect(Array.from(stackSlice(images, 4, 2, 2, 1, 2))).toEqual([200, 201, 210, 211]);
  });

  it('puts each neighbour after the previous one, channels innermost', () => {
    // Pixel 0: slices 0, 1, 2 with channels 0, 1 each; then pixel 1.
    expect(Array.from(stackSlice(images, 4, 2, 2, 3, 1))).toEqual([
      0, 1, 100, 101, 200, 201, 10, 11, 110, 111, 210, 211,
    ]);
  });

  it('repeats the end slices past the volume', () => {
    const first = stackSlice(images, 4, 2, 2, 5, 0);
    // Offsets -2..+2 around slice 0: slices 0, 0, 0, 1, 2 for pixel 0, channel 0.
    expect([0, 2, 4, 6, 8].map((k) => first[k])).toEqual([0, 0, 0, 100, 200]);
    const s = stackSlice(images, 4, 2, 2, 5, 3);
    // Offsets -2..+2 around slice 3: slices 1, 2, 3, 3, 3 for pixel 0, channel 0.
    expect([0, 2, 4, 6, 8].map((k) => s[k])).toEqual([100, 200, 300, 300, 300]);
  });
});
