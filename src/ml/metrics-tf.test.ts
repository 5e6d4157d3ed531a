import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  hardDicePerClass,
  hardDicePerImage,
  hardPrediction,
  meanForeground,
  softDicePerClass,
} from './metrics-tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('binary Dice', () => {
  const q = (): tf.Tensor => tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);

  it('soft: 2 * (0.8 + 0.6) / ((0.8 + 0.6 + 0.3 + 0.1) + 2) = 2.8 / 3.8', () => {
    const p = tf.tensor4d([0.8, 0.6, 0.3, 0.1], [1, 2, 2, 1]);
    expect(values(softDicePerClass(q(), p))[0]).toBeCloseTo(0.736842, 5);
  });

  it('hard: thresholds at 0.5', () => {
    // p >= 0.5 -> 1 0 1 0: overlap 1, sizes 2 and 2 -> 0.5
    const p = tf.tensor4d([0.8, 0.4, 0.6, 0.1], [1, 2, 2, 1]);
    expect(values(hardPrediction(p))).toEqual([1, 0, 1, 0]);
    expect(values(hardDicePerClass(q(), p))[0]).toBeCloseTo(0.5, 6);
  });

  it('per image, an empty mask predicted empty scores 1', () => {
    const t = tf.tensor4d([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], [3, 2, 2, 1]);
    const p = tf.tensor4d([0.9, 0.7, 0.2, 0, 0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0.9], [3, 2, 2, 1]);
    // image 1 perfect; image 2 empty/empty; image 3 disjoint single pixels -> 0
    expect(values(hardDicePerImage(t, p))).toEqual([1, 1, 0]);
  });
});

describe('multi-class Dice', () => {
  // true classes 1 and 2; p(pixel 1) = .2 .7 .1, p(pixel 2) = .1 .3 .6
  const t = (): tf.Tensor => tf.tensor4d([0, 1, 0, 0, 0, 1], [1, 1, 2, 3]);
  const p = (): tf.Tensor => tf.tensor4d([0.2, 0.7, 0.1, 0.1, 0.3, 0.6], [1, 1, 2, 3]);

  it('soft per class: background 0, 2*.7/(1+1) = .7, 2*.6/(.7+1) = .705882', () => {
    const d = values(softDicePerClass(t(), p()));
    expect(d[0]).toBeCloseTo(0, 6);
    expect(d[1]).toBeCloseTo(0.7, 5);
    expect(d[2]).toBeCloseTo(0.705882, 5);
    expect(values(meanForeground(softDicePerClass(t(), p())))[0]).toBeCloseTo(0.702941, 5);
  });

  it('hard per class uses the arg-max, an absent class agreed on scores 1', () => {
    expect(values(hardDicePerClass(t(), p()))).toEqual([1, 1, 1]);
    const wrong = tf.tensor4d([0.2, 0.1, 0.7, 0.1, 0.3, 0.6], [1, 1, 2, 3]); // both -> class 2
    // class 0: absent in both -> 1; class 1: 0 overlap -> 0; class 2: 2*1/(1+2) = 0.666667
    const d = values(hardDicePerClass(t(), wrong));
    expect(d[0]).toBe(1);
    expect(d[1]).toBe(0);
    expect(d[2]).toBeCloseTo(0.666667, 5);
    expect(values(meanForeground(hardDicePerClass(t(), wrong)))[0]).toBeCloseTo(0.333333, 5);
    expect(values(meanForeground(hardDicePerClass(t(), wrong), true))[0]).toBeCloseTo(0.555556, 5);
  });

  it('meanForeground averages per image on [batch, classes]', () => {
    const perImage = tf.tensor2d([
      [1, 0.5, 0.7],
      [0.2, 0.4, 0.8],
    ]);
    const m = values(meanForeground(perImage));
    expect(m[0]).toBeCloseTo(0.6, 6);
    expect(m[1]).toBeCloseTo(0.6, 6);
  });
});
