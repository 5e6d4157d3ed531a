import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';
import { maxRelativeError } from './grad-check';
import { seededTensor } from '../kernels/wasm/testing';
import './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function model(): tf.LayersModel {
  const input = tf.input({ shape: [3, 4, 5, 2] });
  const bn = tf.layers.batchNormalization({ momentum: 0.5, name: 'bn' });
  return tf.model({ inputs: input, outputs: bn.apply(input) as tf.SymbolicTensor });
}

describe('batch norm of 3-D feature maps', () => {
  it('normalizes each channel over batch and all three spatial axes in training', () => {
    const m = model();
    expect(m.countParams()).toBe(4 * 2);
    const x = tf.add(
      tf.mul(seededTensor([2, 3, 4, 5, 2], 1), tf.tensor1d([3, 0.5])),
      tf.tensor1d([10, -2]),
    );
    const y = m.apply(x, { training: true }) as tf.Tensor;
    const { mean, variance } = tf.moments(x, [0, 1, 2, 3]);
    const expected = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3)));
    expect(y.shape).toEqual([2, 3, 4, 5, 2]);
    expect(maxRelativeError(y.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    // The moving mean moved halfway (momentum 0.5) to the batch mean.
    const moving = m.getLayer('bn').getWeights()[2].dataSync();
    const batchMean = mean.dataSync();
    expect(moving[0]).toBeCloseTo(batchMean[0] / 2, 4);
    expect(moving[1]).toBeCloseTo(batchMean[1] / 2, 4);
  });

  it('runs on the moving statistics at inference and saves as plain BatchNormalization', async () => {
    const m = model();
    const x = seededTensor([1, 3, 4, 5, 2], 2);
    m.apply(x, { training: true });
    const before = (m.predict(x) as tf.Tensor).dataSync();
    const loaded = await loadFromArtifacts(await saveToArtifacts(m));
    expect(loaded.getLayer('bn').getClassName()).toBe('BatchNormalization');
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(before));
  });

  it('leaves 2-D maps to the stock layer', () => {
    const input = tf.input({ shape: [4, 4, 3] });
    const out = tf.layers.batchNormalization({}).apply(input) as tf.SymbolicTensor;
    const y = tf.model({ inputs: input, outputs: out }).predict(tf.ones([1, 4, 4, 3])) as tf.Tensor;
    expect(y.shape).toEqual([1, 4, 4, 3]);
  });
});
