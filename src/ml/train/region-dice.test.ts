import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RegionDice } from './region-dice';
import { startTrainingTestBackend } from './test-backend';

beforeAll(async () => {
  await startTrainingTestBackend();
});

/** A 4x4 slice with ones at the given pixel indices. */
const slice = (...on: number[]) =>
  Uint8Array.from({ length: 16 }, (_, k) => (on.includes(k) ? 1 : 0));

describe('RegionDice', () => {
  it('scores the largest region of the volume only, across slices', async () => {
    // Truth: a 2x2 square on slices 0 and 1. Prediction: the same square (probability
    // 0.9) plus a single-pixel blob on slice 3, apart from it, that the largest region drops.
    const square = [5, 6, 9, 10];
    const truth = [slice(...square), slice(...square), slice(), slice()];
    const probs = [slice(...square), slice(...square), slice(), slice(15)].map((s) =>
      Array.from(s, (v) => (v ? 0.9 : 0.1)),
    );
    const scorer = new RegionDice(4, 4);
    const first = tf.tensor4d(probs.slice(0, 2).flat(), [2, 4, 4, 1]);
    const second = tf.tensor4d(probs.slice(2).flat(), [2, 4, 4, 1]);
    await scorer.add(first, truth.slice(0, 2));
    await scorer.add(second, truth.slice(2));
    tf.dispose([first, second]);
    expect(scorer.read()).toBe(1);
  });

  it('gives hand-computed Dice when the prediction misses part of the organ', async () => {
    // Truth 4 pixels, prediction 2 of them plus 1 wrong neighbour: 2*2 / (4 + 3).
    const scorer = new RegionDice(4, 1);
    const probs = tf.tensor4d(
      Array.from(slice(5, 6, 7), (v) => (v ? 0.5 : 0.49)),
      [1, 4, 4, 1],
    );
    await scorer.add(probs, [slice(5, 6, 9, 10)]);
    probs.dispose();
    expect(scorer.read()).toBeCloseTo(4 / 7, 10);
  });

  it('counts an empty prediction of an empty label as 1 and refuses extra slices', async () => {
    const scorer = new RegionDice(4, 1);
    const zeros = tf.zeros([1, 4, 4, 1]);
    await scorer.add(zeros, [slice()]);
    await expect(scorer.add(zeros, [slice()])).rejects.toThrow(/do not match/);
    zeros.dispose();
    expect(scorer.read()).toBe(1);
  });
});
