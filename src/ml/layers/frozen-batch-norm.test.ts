import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import './frozen-batch-norm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function stats(layer: tf.layers.Layer): number[] {
  return layer.getWeights().flatMap((w) => Array.from(w.dataSync()));
}

describe('frozen batch normalization', () => {
  it('runs a frozen layer on its moving statistics in training mode and keeps them', () => {
    const layer = tf.layers.batchNormalization({ momentum: 0.5 });
    const x = tf.add(tf.mul(tf.randomNormal([8, 3], 0, 1, 'float32', 1), 4), 10);
    layer.apply(x, { training: true });
    const trained = stats(layer);
    layer.trainable = false;
    const frozenOut = layer.apply(x, { training: true }) as tf.Tensor;
    const inference = layer.apply(x, { training: false }) as tf.Tensor;
    expect(Array.from(frozenOut.dataSync())).toEqual(Array.from(inference.dataSync()));
    expect(stats(layer)).toEqual(trained);
    tf.dispose([x, frozenOut, inference]);
  });

  it('leaves a trainable layer on batch statistics, moving its averages', () => {
    const layer = tf.layers.batchNormalization({ momentum: 0.5 });
    const x = tf.add(tf.mul(tf.randomNormal([8, 3], 0, 1, 'float32', 2), 4), 10);
    layer.apply(x, { training: true });
    const before = stats(layer);
    const out = layer.apply(x, { training: true }) as tf.Tensor;
    // Batch statistics: every feature has (close to) zero mean over the batch.
    tf.mean(out, 0)
      .dataSync()
      .forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-4));
    expect(stats(layer)).not.toEqual(before);
    tf.dispose([x, out]);
  });
});
