import { describe, expect, it } from 'vitest';
import type { EpochPoint } from '../../store';
import { epochSeries } from './epoch-series';

const epoch = (n: number, classDice?: number[]): EpochPoint => ({
  epoch: n,
  trainLoss: 1 / n,
  trainDice: 0.1 * n,
  trainAccuracy: 0.9,
  trainMeanIoU: 0.5,
  valLoss: 2 / n,
  valDice: 0.05 * n,
  valAccuracy: 0.8,
  valMeanIoU: 0.4,
  ...(classDice ? { valClassDice: classDice } : {}),
  lr: 1e-3,
});

describe('epoch series', () => {
  it('gives train and validation curves of each metric, in different colours', () => {
    const e = [epoch(1), epoch(2)];
    const loss = epochSeries(e, 'loss');
    expect(loss.map((s) => s.values)).toEqual([
      [1, 0.5],
      [2, 1],
    ]);
    expect(loss[0].color).not.toBe(loss[1].color);
    expect(epochSeries(e, 'iou').map((s) => s.values)).toEqual([
      [0.5, 0.5],
      [0.4, 0.4],
    ]);
    expect(epochSeries(e, 'accuracy')[1].label).toBe('val Pixel accuracy');
  });

  it('adds validation Dice per class for multi-class targets, named when names are known', () => {
    const e = [epoch(1, [0.2, 0.4, 0.6]), epoch(2, [0.3, 0.5, 0.7])];
    const dice = epochSeries(e, 'dice', ['necrosis', 'oedema']);
    expect(dice.map((s) => s.label)).toEqual([
      'train Dice',
      'val Dice',
      'val Dice necrosis',
      'val Dice oedema',
      'val Dice class 3',
    ]);
    expect(dice[4].values).toEqual([0.6, 0.7]);
  });

  it('draws a one-epoch run as points', () => {
    expect(epochSeries([epoch(1)], 'dice')[0].values).toEqual([0.1]);
  });
});
