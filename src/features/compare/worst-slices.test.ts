import { describe, expect, it } from 'vitest';
import type { SliceScore } from '../../eval/metrics';
import { worstRows } from './worst-slices';

const slices = (dice: (number | null)[]): SliceScore[] =>
  dice.map((d, k) => ({ k, dice: d, predictedVoxels: 0, manualVoxels: 0, hd95: null }));

describe('worstRows', () => {
  it('orders slices by the lower Dice of the two models and skips empty ones', () => {
    const rows = worstRows(slices([null, 0.9, 0.5, 0.8]), slices([null, 0.2, 0.6, null]), 5);
    expect(rows.map((r) => [r.k, r.worst])).toEqual([
      [1, 0.2],
      [2, 0.5],
      [3, 0.8],
    ]);
    expect(rows[2]).toMatchObject({ a: 0.8, b: null });
  });

  it('keeps the limit and works with one model', () => {
    expect(worstRows(slices([0.3, 0.3, 0.1]), undefined, 2).map((r) => r.k)).toEqual([2, 0]);
    expect(worstRows(undefined, undefined, 5)).toEqual([]);
  });
});
