import { describe, expect, it } from 'vitest';
import type { SliceScore } from '../../eval/metrics';
import { worstRows } from './worst-slices';

const slices = (dice: (number | null)[]): SliceScore[] =>
  dice.map((d, k) => ({ k, dice: d, predictedVoxels: 0, manualVoxels: 0, hd95: null }));

describe('worstRows', () => {
  it('orders slices by the lowest Dice of the models and skips empty ones', () => {
    const rows = worstRows([slices([null, 0.9, 0.5, 0.8]), slices([null, 0.2, 0.6, null])], 5);
    expect(rows.map((r) => [r.k, r.worst])).toEqual([
      [1, 0.2],
      [2, 0.5],
      [3, 0.8],
    ]);
    expect(rows[2].dice).toEqual([0.8, null]);
  });

  it('puts a gland missed entirely before a few stray voxels of the same Dice', () => {
    const score = (k: number, predicted: number, manual: number): SliceScore => ({
      k,
      dice: 0,
      predictedVoxels: predicted,
      manualVoxels: manual,
      hd95: null,
    });
    // Slice 0: 3 extra voxels past the gland; slice 1: a 400-voxel gland predicted as nothing.
    const rows = worstRows([[score(0, 3, 0), score(1, 0, 400), score(2, 40, 0)]], 5);
    expect(rows.map((r) => [r.k, r.wrongVoxels])).toEqual([
      [1, 400],
      [2, 40],
      [0, 3],
    ]);
  });

  it('takes any number of models, keeps the limit, and works with one model', () => {
    const three = worstRows([slices([0.9, 0.9]), slices([0.8, 0.9]), slices([0.7, 0.1])], 5);
    expect(three.map((r) => [r.k, r.worst])).toEqual([
      [1, 0.1],
      [0, 0.7],
    ]);
    expect(worstRows([slices([0.3, 0.3, 0.1]), undefined], 2).map((r) => r.k)).toEqual([2, 0]);
    expect(worstRows([undefined, undefined], 5)).toEqual([]);
  });
});
