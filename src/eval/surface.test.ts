import { describe, expect, it } from 'vitest';
import type { Grid3 } from './edt';
import { hd95, assd, percentileSorted, surfaceDistances, surfaceMask } from './surface';

function voxels(dims: Grid3, points: [number, number, number][]): Uint8Array {
  const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (const [i, j, k] of points) out[(k * dims[1] + j) * dims[0] + i] = 1;
  return out;
}

function box(dims: Grid3, lo: Grid3, hi: Grid3): Uint8Array {
  const pts: [number, number, number][] = [];
  for (let k = lo[2]; k <= hi[2]; k++)
    for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) pts.push([i, j, k]);
  return voxels(dims, pts);
}

const sum = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);

/** Pooled surface-to-surface distances by brute force, for checking the fast path. */
function bruteDistances(a: Uint8Array, b: Uint8Array, dims: Grid3, spacing: Grid3): number[] {
  const pts = (m: Uint8Array) => {
    const s = surfaceMask(m, dims);
    const out: number[][] = [];
    s.forEach((v, idx) => {
      if (v)
        out.push([
          idx % dims[0],
          Math.floor(idx / dims[0]) % dims[1],
          Math.floor(idx / (dims[0] * dims[1])),
        ]);
    });
    return out;
  };
  const pa = pts(a);
  const pb = pts(b);
  const near = (from: number[][], to: number[][]) =>
    from.map((p) =>
      Math.min(...to.map((q) => Math.hypot(...p.map((x, ax) => (x - q[ax]) * spacing[ax])))),
    );
  return [...near(pa, pb), ...near(pb, pa)].sort((x, y) => x - y);
}

describe('surfaceMask', () => {
  it('keeps the 26 outer voxels of a 3x3x3 block (6-neighbourhood), not its centre', () => {
    const dims: Grid3 = [5, 5, 5];
    const s = surfaceMask(box(dims, [1, 1, 1], [3, 3, 3]), dims);
    expect(sum(s)).toBe(26);
    expect(s[(2 * 5 + 2) * 5 + 2]).toBe(0);
  });

  it('in-plane, keeps the ring of 8 around the centre of a 3x3 square', () => {
    const dims: Grid3 = [5, 5, 1];
    expect(sum(surfaceMask(box(dims, [1, 1, 0], [3, 3, 0]), dims, true))).toBe(8);
    // In 3-D a single slice has background above and below: every voxel is surface.
    expect(sum(surfaceMask(box(dims, [1, 1, 0], [3, 3, 0]), dims))).toBe(9);
  });

  it('counts the grid border as background', () => {
    const dims: Grid3 = [3, 3, 3];
    expect(sum(surfaceMask(new Uint8Array(27).fill(1), dims))).toBe(26);
  });
});

describe('surfaceDistances', () => {
  it('follows the empty-mask rule: both empty 0, one empty null', () => {
    const dims: Grid3 = [3, 3, 3];
    const empty = new Uint8Array(27);
    const one = voxels(dims, [[1, 1, 1]]);
    expect(surfaceDistances(empty, empty, dims, [1, 1, 1])).toEqual({
      hd95: 0,
      hausdorff: 0,
      assd: 0,
    });
    const none = { hd95: null, hausdorff: null, assd: null };
    expect(surfaceDistances(one, empty, dims, [1, 1, 1])).toEqual(none);
    expect(surfaceDistances(empty, one, dims, [1, 1, 1])).toEqual(none);
  });

  it('measures one-voxel masks in mm with the spacing of each axis', () => {
    const dims: Grid3 = [5, 3, 4];
    const a = voxels(dims, [[1, 1, 1]]);
    expect(hd95(a, a, dims, [0.5, 0.5, 3])).toBe(0);
    expect(hd95(a, voxels(dims, [[3, 1, 1]]), dims, [2, 1, 1])).toBeCloseTo(4, 12);
    expect(assd(a, voxels(dims, [[1, 1, 3]]), dims, [0.5, 0.5, 3])).toBeCloseTo(6, 12);
    const diagonal = surfaceDistances(a, voxels(dims, [[2, 2, 2]]), dims, [1, 2, 3]);
    expect(diagonal.hausdorff).toBeCloseTo(Math.sqrt(14), 12);
    expect(diagonal.assd).toBeCloseTo(Math.sqrt(14), 12);
  });

  it('pools both directions: HD95 by linear interpolation, ASSD as the pooled mean', () => {
    // a = i 0..3 and b = i 0 on a line: a->b 0,1,2,3 and b->a 0, so pooled 0,0,1,2,3.
    const dims: Grid3 = [6, 1, 1];
    const a = voxels(
      dims,
      [0, 1, 2, 3].map((i) => [i, 0, 0]),
    );
    const b = voxels(dims, [[0, 0, 0]]);
    const d = surfaceDistances(a, b, dims, [1, 1, 1]);
    expect(d.assd).toBeCloseTo(6 / 5, 12);
    expect(d.hausdorff).toBe(3);
    expect(d.hd95).toBeCloseTo(2.8, 12); // position 0.95 * 4 = 3.8 between 2 and 3
    const stretched = surfaceDistances(a, b, dims, [2.5, 1, 1]);
    expect(stretched.assd).toBeCloseTo(3, 12);
    expect(stretched.hd95).toBeCloseTo(7, 12);
  });

  it('in-plane uses 2-D surfaces: a 3x3 square against its centre voxel', () => {
    const dims: Grid3 = [5, 5, 1];
    const square = box(dims, [1, 1, 0], [3, 3, 0]);
    const centre = voxels(dims, [[2, 2, 0]]);
    // Ring: 4 edge voxels at 1 mm, 4 corners at sqrt(2); centre to ring: 1 mm.
    const d = surfaceDistances(square, centre, dims, [1, 1, 3], { inPlane: true });
    expect(d.assd).toBeCloseTo((5 + 4 * Math.SQRT2) / 9, 12);
    expect(d.hd95).toBeCloseTo(Math.SQRT2, 12);
    expect(d.hausdorff).toBeCloseTo(Math.SQRT2, 12);
  });

  it('matches brute force on shifted, anisotropic boxes', () => {
    const dims: Grid3 = [9, 8, 6];
    const spacing: Grid3 = [0.6, 0.9, 3];
    const a = box(dims, [1, 1, 1], [5, 4, 3]);
    const b = box(dims, [3, 2, 2], [7, 6, 5]);
    const pooled = bruteDistances(a, b, dims, spacing);
    const d = surfaceDistances(a, b, dims, spacing);
    expect(d.hausdorff).toBeCloseTo(pooled[pooled.length - 1], 9);
    expect(d.hd95).toBeCloseTo(percentileSorted(pooled, 95), 9);
    expect(d.assd).toBeCloseTo(pooled.reduce((x, y) => x + y, 0) / pooled.length, 9);
  });

  it('handles a prostate-sized box on a 384x384x19 grid quickly and exactly', () => {
    const dims: Grid3 = [384, 384, 19];
    const truth = box(dims, [140, 150, 4], [239, 229, 14]);
    const predicted = box(dims, [144, 150, 4], [243, 229, 14]);
    const t0 = performance.now();
    const d = surfaceDistances(predicted, truth, dims, [0.625, 0.625, 3.6]);
    const ms = performance.now() - t0;
    // Shifted 4 voxels along i: no surface point is farther than 4 * 0.625 mm.
    expect(d.hausdorff).toBeCloseTo(2.5, 9);
    expect(d.hd95).toBeGreaterThan(0);
    expect(d.hd95).toBeLessThanOrEqual(2.5);
    expect(ms).toBeLessThan(5000);
  });

  it('rejects masks of different sizes', () => {
    expect(() =>
      surfaceDistances(new Uint8Array(8), new Uint8Array(9), [2, 2, 2], [1, 1, 1]),
    ).toThrow(RangeError);
  });
});

describe('percentileSorted', () => {
  it('interpolates linearly between ranks', () => {
    expect(percentileSorted([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileSorted([5], 95)).toBe(5);
    expect(percentileSorted([0, 10], 95)).toBeCloseTo(9.5, 12);
    expect(percentileSorted([], 95)).toBeNaN();
  });
});
