import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DiceAccumulator, diceCounts, foregroundDice } from './dice-stats';

describe('dataset-level Dice', () => {
  it('accumulates counts over batches and gives pooled Dice', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const acc = new DiceAccumulator();
    // Batch 1: target 2 px, prediction 1 of them + 1 wrong. Batch 2: empty target, empty prediction.
    const y1 = tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);
    const p1 = tf.tensor4d([0.9, 0.2, 0.7, 0.1], [1, 2, 2, 1]);
    const y2 = tf.zeros([1, 2, 2, 1]);
    const p2 = tf.fill([1, 2, 2, 1], 0.1);
    acc.add(diceCounts(y1, p1));
    acc.add(diceCounts(y2, p2));
    expect(await acc.read()).toBeCloseTo((2 * 1) / (2 + 2), 6);
    tf.dispose([y1, p1, y2, p2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages foreground classes and counts absent classes as perfect', () => {
    // classes 0..2: inter [5, 2, 0], sizes [10, 8, 0]
    expect(foregroundDice([5, 2, 0, 10, 8, 0], 3)).toBeCloseTo((0.5 + 1) / 2, 6);
    expect(foregroundDice([3, 6], 1)).toBeCloseTo(1, 6);
  });
});
