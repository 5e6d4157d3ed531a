import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DiceAccumulator, diceCounts, foregroundDice, overlapScores } from './dice-stats';

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

describe('accuracy and mean IoU', () => {
  it('derive the binary background from the pixel total', async () => {
    await tf.setBackend('cpu');
    // 4 pixels: truth [1, 1, 0, 0], prediction [1, 0, 1, 0]: tp 1, fn 1, fp 1, tn 1.
    const y = tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);
    const p = tf.tensor4d([0.9, 0.2, 0.7, 0.1], [1, 2, 2, 1]);
    const acc = new DiceAccumulator();
    acc.add(diceCounts(y, p));
    const s = await acc.readScores();
    expect(s.accuracy).toBeCloseTo(2 / 4, 6);
    // Foreground IoU 1/3, background IoU 1/3.
    expect(s.meanIoU).toBeCloseTo(1 / 3, 6);
    expect(s.dice).toBeCloseTo(0.5, 6);
    expect(s.classDice).toEqual([s.dice]);
    tf.dispose([y, p]);
  });

  it('average every class, background included, for one-hot targets', () => {
    // 10 pixels, classes 0..2: inter [5, 2, 0], sizes [12, 6, 2].
    const s = overlapScores([5, 2, 0, 12, 6, 2, 10, 10, 10], 3);
    expect(s.accuracy).toBeCloseTo(7 / 10, 6);
    expect(s.meanIoU).toBeCloseTo((5 / 7 + 2 / 4 + 0) / 3, 6);
    expect(s.classDice).toEqual([4 / 6, 0]);
  });
});
