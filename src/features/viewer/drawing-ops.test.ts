import { describe, expect, it } from 'vitest';
import {
  fillRegion,
  gapsBetween,
  growCutSlice,
  keepSlices,
  replaceValue,
  slicesWith,
} from './drawing-ops';

/** A 5 x 5 x 2 bitmap whose slice 0 has a closed ring of 1s around the centre voxel. */
function ring(): Uint8Array {
  const b = new Uint8Array(50);
  for (let y = 1; y <= 3; y++)
    for (let x = 1; x <= 3; x++) if (x !== 2 || y !== 2) b[y * 5 + x] = 1;
  return b;
}

describe('drawing operations', () => {
  it('fills the inside of a closed outline and nothing beyond it, on its slice only', () => {
    const b = ring();
    expect(fillRegion(b, [5, 5, 2], 2, 2, 0, 1)).toBe(1);
    expect(b[12]).toBe(1);
    expect(b.subarray(25).every((v) => v === 0)).toBe(true);
    // Outside the ring: the 16 border voxels of the slice.
    expect(fillRegion(b, [5, 5, 2], 0, 0, 0, 3)).toBe(16);
    expect(b[0]).toBe(3);
    expect(b[6]).toBe(1);
    // Filling with the value already there changes nothing; out of range does nothing.
    expect(fillRegion(b, [5, 5, 2], 2, 2, 0, 1)).toBe(0);
    expect(fillRegion(b, [5, 5, 2], 5, 0, 0, 2)).toBe(0);
  });

  it('fills a drawn region with another value (recolour, or erase with 0)', () => {
    const b = ring();
    expect(fillRegion(b, [5, 5, 2], 1, 1, 0, 0)).toBe(8);
    expect(b.every((v) => v === 0)).toBe(true);
  });

  it('keeps an assist to chosen slices and finds drawn slices and gaps', () => {
    const before = new Uint8Array(3 * 4);
    const after = new Uint8Array(12).fill(2);
    keepSlices(after, before, [2, 2, 3], new Set([1]));
    expect(Array.from(after)).toEqual([0, 0, 0, 0, 2, 2, 2, 2, 0, 0, 0, 0]);
    const drawn = new Uint8Array(2 * 2 * 7);
    drawn[0] = 1;
    drawn[4 * 3 + 1] = 255;
    drawn[4 * 4] = 2;
    drawn[4 * 6 + 3] = 1;
    expect(slicesWith(drawn, [2, 2, 7])).toEqual([0, 3, 4, 6]);
    expect(slicesWith(drawn, [2, 2, 7], (v) => v !== 0 && v !== 255)).toEqual([0, 4, 6]);
    expect(gapsBetween([0, 4, 6])).toEqual([
      [0, 4],
      [4, 6],
    ]);
    expect(gapsBetween([2, 3])).toEqual([]);
    replaceValue(drawn, 255, 0);
    expect(drawn[13]).toBe(0);
  });

  it('grows drawn seeds over their slice along the image, stopping at intensity edges', () => {
    // A bright 6 x 6 square on a dark 12 x 12 slice (slice 1 of 2), with noise.
    const nx = 12;
    const image = new Float32Array(nx * nx * 2);
    const inside = (x: number, y: number) => x >= 3 && x < 9 && y >= 3 && y < 9;
    for (let y = 0; y < nx; y++) {
      for (let x = 0; x < nx; x++) {
        image[nx * nx + y * nx + x] = (inside(x, y) ? 100 : 10) + ((x * 7 + y * 3) % 5);
      }
    }
    const bitmap = new Uint8Array(nx * nx * 2);
    bitmap[nx * nx + 5 * nx + 5] = 2; // one seed of label 2 inside
    bitmap[nx * nx + 0] = 255; // background seeds in two corners
    bitmap[nx * nx + nx * nx - 1] = 255;
    const grown = growCutSlice(bitmap, image, [nx, nx, 2], 1);
    expect(grown).toBe(nx * nx - 3);
    for (let y = 0; y < nx; y++) {
      for (let x = 0; x < nx; x++) {
        expect(bitmap[nx * nx + y * nx + x]).toBe(inside(x, y) ? 2 : 255);
      }
    }
    // The other slice is untouched, and drawn voxels keep their value.
    expect(bitmap.subarray(0, nx * nx).every((v) => v === 0)).toBe(true);
  });
});
