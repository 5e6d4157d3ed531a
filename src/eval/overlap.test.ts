import { describe, expect, it } from 'vitest';
import { confusion, confusionRange, overlapScores, volumesMl, voxelMl } from './overlap';

describe('confusion', () => {
  it('counts agreement and disagreement voxel by voxel', () => {
    const p = Uint8Array.from([1, 1, 0, 0, 1]);
    const t = Float32Array.from([1, 0, 1, 0, 2]);
    expect(confusion(p, t)).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(confusionRange(p, t, 1, 3)).toEqual({ tp: 0, fp: 1, fn: 1, tn: 0 });
  });

  it('rejects masks of different sizes', () => {
    expect(() => confusion(new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
  });
});

describe('overlapScores', () => {
  it('computes each score from the counts', () => {
    const s = overlapScores({ tp: 6, fp: 2, fn: 4, tn: 88 });
    expect(s.dice).toBeCloseTo(12 / 18, 12);
    expect(s.iou).toBeCloseTo(6 / 12, 12);
    expect(s.precision).toBeCloseTo(6 / 8, 12);
    expect(s.recall).toBeCloseTo(6 / 10, 12);
    expect(s.accuracy).toBeCloseTo(94 / 100, 12);
  });

  it('applies the empty-mask rule', () => {
    expect(overlapScores({ tp: 0, fp: 0, fn: 0, tn: 5 })).toEqual({
      dice: 1,
      iou: 1,
      precision: 1,
      recall: 1,
      accuracy: 1,
    });
    expect(overlapScores({ tp: 0, fp: 3, fn: 0, tn: 2 })).toMatchObject({
      dice: 0,
      precision: 0,
      recall: 0,
    });
    expect(overlapScores({ tp: 0, fp: 0, fn: 3, tn: 2 })).toMatchObject({
      dice: 0,
      precision: 0,
      recall: 0,
    });
  });
});

describe('volumes', () => {
  it('converts voxel counts to mL with the voxel size', () => {
    expect(voxelMl([0.5, 0.5, 4])).toBe(0.001);
    const v = volumesMl({ tp: 1000, fp: 500, fn: 250, tn: 0 }, [1, 1, 2]);
    expect(v.predictedMl).toBeCloseTo(3, 12);
    expect(v.manualMl).toBeCloseTo(2.5, 12);
  });
});
