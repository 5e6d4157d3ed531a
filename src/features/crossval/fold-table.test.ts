import { describe, expect, it } from 'vitest';
import { foldScoreOf, foldTable, type FoldCaseScore } from './fold-table';

const score = (c: string, fold: number, dice: number, hd95: number | null): FoldCaseScore => ({
  case: c,
  fold,
  dice,
  iou: dice / (2 - dice),
  hd95,
  assd: hd95 === null ? null : hd95 / 4,
});

describe('foldTable', () => {
  it('summarizes each fold, the spread across folds, and all cases pooled', () => {
    const scores = [
      score('a', 0, 0.9, 4),
      score('b', 0, 0.7, 8),
      score('c', 1, 0.6, null),
      score('d', 1, 0.8, 6),
      score('e', 1, 0.85, 2),
    ];
    const t = foldTable(scores, 2);
    expect(t.folds.map((f) => f.cases)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(t.folds[0].values.diceMean).toBeCloseTo(0.8, 12);
    expect(t.folds[1].values.diceMedian).toBeCloseTo(0.8, 12);
    expect(t.folds[1].values.diceMax).toBeCloseTo(0.85, 12);
    // HD95 of fold 2 stands on its two defined cases.
    expect(t.folds[1].values.hd95).toBeCloseTo(4, 12);
    const f2 = (0.6 + 0.8 + 0.85) / 3;
    expect(t.acrossFolds.diceMean.mean).toBeCloseTo((0.8 + f2) / 2, 12);
    expect(t.acrossFolds.diceMean.sd).toBeCloseTo(Math.abs(0.8 - f2) / Math.SQRT2, 12);
    // Pooled: every case once, so a larger fold weighs more than in the across-fold mean.
    expect(t.pooled.cases).toHaveLength(5);
    expect(t.pooled.values.diceMean).toBeCloseTo((0.9 + 0.7 + 0.6 + 0.8 + 0.85) / 5, 12);
    expect(t.pooled.values.hd95).toBeCloseTo(5, 12);
  });

  it('leaves a fold without scores empty and out of the spread', () => {
    const t = foldTable([score('a', 0, 0.9, 4)], 3);
    expect(t.folds[2].values.diceMean).toBeNull();
    expect(t.acrossFolds.diceMean).toEqual({ mean: 0.9, sd: null });
  });
});

describe('foldScoreOf', () => {
  it('averages a case over its structures, surface distances where defined', () => {
    const s = foldScoreOf('c', 1, [
      { dice: 0.8, iou: 0.6, hd95: 4, assd: 1 },
      { dice: 0.4, iou: 0.2, hd95: null, assd: null },
    ]);
    expect(s).toMatchObject({ case: 'c', fold: 1, hd95: 4, assd: 1 });
    expect(s.dice).toBeCloseTo(0.6, 12);
    expect(s.iou).toBeCloseTo(0.4, 12);
  });
});
