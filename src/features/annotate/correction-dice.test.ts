import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../ml/types';
import { foregroundOf, reviewedDice } from './correction-dice';

const ONE = foregroundOf({ mode: 'binary', foregroundValues: [1] });

const DIMS: Dims3 = [2, 2, 3];

describe('Dice on reviewed slices', () => {
  // Slice 0 agrees, slice 1 half agrees, slice 2 disagrees completely.
  const label = [1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0];
  const pred = [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1];

  it('scores only the slices a person reviewed', () => {
    expect(reviewedDice(pred, label, DIMS, [0], ONE)).toBe(1);
    expect(reviewedDice(pred, label, DIMS, [0, 1], ONE)).toBeCloseTo((2 * 3) / (2 * 3 + 1));
    expect(reviewedDice(pred, label, DIMS, null, ONE)).toBeCloseTo((2 * 3) / (2 * 3 + 1 + 4));
    expect(reviewedDice(pred, label, DIMS, [], ONE)).toBeNull();
  });

  it('scores the target foreground values only, empty against empty as 1', () => {
    const multi = [2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const two = foregroundOf({ mode: 'multiclass', values: [2] });
    expect(
      reviewedDice(
        multi,
        multi.map((v) => (v ? 3 : 0)),
        DIMS,
        null,
        two,
      ),
    ).toBe(0);
    // A binary model's mask (1) against a label whose structure is value 5.
    const five = foregroundOf({ mode: 'binary', foregroundValues: [5] });
    const mask = multi.map((v) => (v ? 1 : 0));
    expect(
      reviewedDice(
        mask,
        multi.map((v) => (v ? 5 : 0)),
        DIMS,
        null,
        five,
      ),
    ).toBe(1);
    expect(reviewedDice(new Array(12).fill(0), new Array(12).fill(0), DIMS, null, ONE)).toBe(1);
  });
});
