import { describe, expect, it } from 'vitest';
import {
  confusion,
  overlapScores,
  predictedMask,
  scoreMasks,
  truthMask,
  type DistanceFn,
} from './case-scores';

const mask = (...bits: number[]) => Uint8Array.from(bits);

describe('overlap scores', () => {
  it('computes Dice, IoU, precision and recall from the confusion counts', () => {
    // tp 2, fp 1, fn 1
    const c = confusion(mask(1, 1, 1, 0, 0), mask(1, 1, 0, 1, 0));
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1 });
    const s = overlapScores(c);
    expect(s.dice).toBeCloseTo(4 / 6);
    expect(s.iou).toBeCloseTo(2 / 4);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
  });

  it('scores an empty label predicted empty as perfect, and a missed one as zero', () => {
    expect(overlapScores({ tp: 0, fp: 0, fn: 0 })).toEqual({
      dice: 1,
      iou: 1,
      precision: 1,
      recall: 1,
    });
    expect(overlapScores({ tp: 0, fp: 0, fn: 5 })).toEqual({
      dice: 0,
      iou: 0,
      precision: 0,
      recall: 0,
    });
    expect(overlapScores({ tp: 0, fp: 3, fn: 0 })).toMatchObject({ dice: 0, recall: 0 });
  });

  it('refuses masks of different sizes', () => {
    expect(() => confusion(mask(1), mask(1, 0))).toThrow(/differ in size/);
  });
});

describe('masks', () => {
  it('takes the target foreground values from raw labels', () => {
    const label = [0, 1, 2, 3, 2];
    expect(Array.from(truthMask(label, { mode: 'binary', foregroundValues: [2] }))).toEqual([
      0, 0, 1, 0, 1,
    ]);
    expect(Array.from(truthMask(label, { mode: 'multiclass', values: [1, 3] }))).toEqual([
      0, 1, 0, 1, 0,
    ]);
  });

  it('treats every non-zero predicted label as foreground', () => {
    expect(Array.from(predictedMask(Uint8Array.from([0, 1, 4, 0])))).toEqual([0, 1, 1, 0]);
  });
});

describe('scoreMasks', () => {
  it('adds surface distances only when a distance function is given', () => {
    const p = mask(1, 0);
    const t = mask(1, 0);
    expect(scoreMasks(p, t, [2, 1, 1], [1, 1, 1])).toMatchObject({ dice: 1, hd95: null });
    const calls: number[][] = [];
    const distance: DistanceFn = (_a, _b, dims, spacing) => {
      calls.push([...dims, ...spacing]);
      return { hd95: 1.5, assd: 0.5 };
    };
    expect(scoreMasks(p, t, [2, 1, 1], [0.5, 1, 3], distance)).toMatchObject({
      hd95: 1.5,
      assd: 0.5,
    });
    expect(calls).toEqual([[2, 1, 1, 0.5, 1, 3]]);
  });
});
