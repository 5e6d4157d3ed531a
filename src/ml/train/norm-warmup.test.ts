import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NormStatsWarmup } from './norm-warmup';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function modelWithNorm(): tf.LayersModel {
  const input = tf.input({ shape: [2] });
  const out = tf.layers.batchNormalization({ momentum: 0.9 }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const stats = (m: tf.LayersModel) =>
  m.layers[1]
    .getWeights()
    .slice(2)
    .map((w) => Array.from(w.dataSync()));

describe('batch-norm statistics warm-up', () => {
  it('takes the first batch as the statistics, then averages the next ones equally', () => {
    const m = modelWithNorm();
    const warm = new NormStatsWarmup(m);
    const batches = [
      tf.tensor2d([
        [0, 10],
        [2, 14],
      ]),
      tf.tensor2d([
        [4, 10],
        [6, 10],
      ]),
    ];
    warm.step(() => tf.dispose(m.apply(batches[0], { training: true }) as tf.Tensor));
    const [mean1, var1] = stats(m);
    expect(mean1[0]).toBeCloseTo(1, 5);
    expect(mean1[1]).toBeCloseTo(12, 5);
    expect(var1[0]).toBeCloseTo(1, 4);
    warm.step(() => tf.dispose(m.apply(batches[1], { training: true }) as tf.Tensor));
    const [mean2] = stats(m);
    // Two batches averaged equally: (1 + 5) / 2 and (12 + 10) / 2.
    expect(mean2[0]).toBeCloseTo(3, 5);
    expect(mean2[1]).toBeCloseTo(11, 5);
    // The configured momentum stays what is saved.
    expect((m.layers[1].getConfig() as { momentum: number }).momentum).toBe(0.9);
    tf.dispose(batches);
  });

  it('runs a layer with its own momentum once the average would be slower, or when resumed late', () => {
    const m = modelWithNorm();
    const warm = new NormStatsWarmup(m, 100);
    let seen = -1;
    warm.step(() => (seen = (m.layers[1] as unknown as { momentum: number }).momentum));
    expect(seen).toBe(0.9);
  });
});
