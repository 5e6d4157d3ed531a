import { describe, expect, it } from 'vitest';
import { keepLargestComponent } from './largest-component';

/** A 5x4x3 grid with voxels set at the given (x, y, z). */
function grid(points: [number, number, number][], value = 1): Uint8Array {
  const m = new Uint8Array(5 * 4 * 3);
  for (const [x, y, z] of points) m[z * 20 + y * 5 + x] = value;
  return m;
}

describe('keepLargestComponent', () => {
  it('removes the smaller region and keeps the larger one whole', () => {
    const big: [number, number, number][] = [
      [0, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ];
    const small: [number, number, number][] = [
      [4, 3, 2],
      [3, 3, 2],
    ];
    const m = grid([...big, ...small]);
    expect(keepLargestComponent(m, [5, 4, 3])).toBe(2);
    expect(Array.from(m)).toEqual(Array.from(grid(big)));
  });

  it('joins voxels that touch only at a corner (26-connectivity)', () => {
    const diagonal: [number, number, number][] = [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
    ];
    const m = grid([...diagonal, [4, 0, 0]]);
    expect(keepLargestComponent(m, [5, 4, 3])).toBe(1);
    expect(Array.from(m)).toEqual(Array.from(grid(diagonal)));
  });

  it('leaves a single region, an empty mask and other label values alone', () => {
    const one = grid(
      [
        [2, 2, 1],
        [2, 3, 1],
      ],
      3,
    );
    expect(keepLargestComponent(one, [5, 4, 3])).toBe(0);
    expect(one.filter((v) => v === 3)).toHaveLength(2);
    const empty = new Uint8Array(60);
    expect(keepLargestComponent(empty, [5, 4, 3])).toBe(0);
  });
});
