import { describe, it, expect } from 'vitest';
import {
  checkLabel,
  checkLabelValues,
  cornerDistance,
  describeGrid,
  labelValues,
  volumeStats,
} from './validate';
import { StudioError } from '../shared/errors';
import type { Volume } from './volume';

function vol(
  data: number[],
  dims: [number, number, number] = [2, 2, 2],
  affine?: number[],
): Volume {
  return {
    dims,
    spacing: [1, 1, 2],
    data: Float32Array.from(data),
    sourceType: 'float32',
    affine: affine ?? [1, 0, 0, -10, 0, 1, 0, 5, 0, 0, 2, 0, 0, 0, 0, 1],
  };
}

function failure(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

const IMAGE = vol([1, 2, 3, 4, 5, 6, 7, 8]);

describe('checkLabel', () => {
  it('accepts a non-negative integer label on the same grid', () => {
    expect(() => checkLabel(vol([0, 1, 2, 0, 0, 4, 0, 0]), IMAGE, 'seg.nii.gz')).not.toThrow();
  });

  it('refuses a label of another size, showing both grids', () => {
    const e = failure(() =>
      checkLabel(vol(new Array<number>(12).fill(0), [2, 3, 2]), IMAGE, 'seg.nii.gz'),
    );
    expect(e.code).toBe('grid-mismatch');
    expect(e.message).toMatch(/^seg\.nii\.gz: label grid does not match the image grid/);
    expect(e.message).toContain('label: 2x3x2 voxels of 1x1x2 mm, axes RAS');
    expect(e.message).toContain(
      'image: 2x2x2 voxels of 1x1x2 mm, axes RAS, first voxel at (-10.0, 5.0, 0.0) mm',
    );
  });

  it('refuses a label placed elsewhere or rotated, within a float tolerance', () => {
    const moved = vol(
      new Array<number>(8).fill(0),
      [2, 2, 2],
      [1, 0, 0, -9.5, 0, 1, 0, 5, 0, 0, 2, 0, 0, 0, 0, 1],
    );
    const e = failure(() => checkLabel(moved, IMAGE, 'seg.nii'));
    expect(e.code).toBe('grid-mismatch');
    expect(e.message).toMatch(/^seg\.nii: label grid is placed 0\.50 mm away from the image grid/);
    const flipped = vol(
      new Array<number>(8).fill(0),
      [2, 2, 2],
      [-1, 0, 0, -9, 0, 1, 0, 5, 0, 0, 2, 0, 0, 0, 0, 1],
    );
    expect(failure(() => checkLabel(flipped, IMAGE, 'seg.nii')).message).toContain('axes LAS');
    const rounding = vol(
      new Array<number>(8).fill(0),
      [2, 2, 2],
      [1, 1e-6, 0, -10.00001, 0, 1, 0, 5, 0, 0, 2, 0, 0, 0, 0, 1],
    );
    expect(() => checkLabel(rounding, IMAGE, 'seg.nii')).not.toThrow();
    expect(() => checkLabel(moved, IMAGE, 'seg.nii', { toleranceMm: 0.6 })).not.toThrow();
  });

  it('refuses negative and non-integer label values, counting them', () => {
    const neg = failure(() => checkLabel(vol([0, 1, -1, 0, 0, 0, 0, 0]), IMAGE, 'neg.nii'));
    expect(neg.code).toBe('bad-label-values');
    expect(neg.message).toMatch(/^neg\.nii: .*1 negative voxel values were found \(e\.g\. -1\)/);
    const frac = failure(() => checkLabelValues(vol([0, 0.5, 1, 0.25, 0, -2, 0, 0]), 'frac.nii'));
    expect(frac.code).toBe('bad-label-values');
    expect(frac.message).toMatch(
      /^frac\.nii: .*1 negative and 2 non-integer voxel values were found \(e\.g\. 0\.5\)/,
    );
    expect(
      failure(() => checkLabelValues(vol([0, Number.NaN, 0, 0, 0, 0, 0, 0]), 'nan.nii')).code,
    ).toBe('bad-label-values');
  });

  it('prints a float32 label value as it was written', () => {
    const data = Float32Array.from([0, 0.37, 0, 0, 0, 0, 0, 0]);
    const e = failure(() => checkLabelValues({ ...vol([]), data }, 'float.nii'));
    expect(e.message).toContain('(e.g. 0.37)');
    expect(e.message).not.toContain('0.3700000047683716');
  });
});

describe('grid helpers', () => {
  it('measures how far the grid corners move', () => {
    const a = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const b = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1.01, 0, 0, 0, 0, 1];
    expect(cornerDistance([10, 10, 101], a, b)).toBeCloseTo(1, 9);
    expect(describeGrid(vol([0, 0, 0, 0, 0, 0, 0, 0]))).toBe(
      '2x2x2 voxels of 1x1x2 mm, axes RAS, first voxel at (-10.0, 5.0, 0.0) mm',
    );
  });
});

describe('labelValues', () => {
  it('lists distinct values in numeric order', () => {
    expect(labelValues(vol([0, 0, 10, 2, 2, 0, 1, 10]))).toEqual([0, 1, 2, 10]);
    expect(labelValues({ data: new Float32Array(0) })).toEqual([]);
  });

  it('is fast on a large label map', () => {
    const data = new Float32Array(240 * 240 * 155);
    for (let i = 0; i < data.length; i++) data[i] = (i >> 12) % 5;
    const t0 = performance.now();
    expect(labelValues({ data })).toEqual([0, 1, 2, 3, 4]);
    expect(performance.now() - t0).toBeLessThan(250);
  });
});

describe('volumeStats', () => {
  it('gives min, max, mean and population std', () => {
    const s = volumeStats({ data: Float32Array.from([2, 4, 4, 4, 5, 5, 7, 9]) });
    expect(s).toEqual({ min: 2, max: 9, mean: 5, std: 2 });
  });

  it('keeps precision for a large offset', () => {
    const data = Float32Array.from({ length: 100000 }, (_, i) => 1e6 + (i % 2));
    const s = volumeStats({ data });
    expect(s.mean).toBeCloseTo(1e6 + 0.5, 6);
    expect(s.std).toBeCloseTo(0.5, 6);
  });
});
