import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centralDifference, maxRelativeError } from './grad-check';
import { InstanceNormalization } from './instance-norm';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -2, 2, 'float32', seed);
}

describe('InstanceNormalization', () => {
  it('gives every sample and channel zero mean and unit variance at identity scale', () => {
    const layer = new InstanceNormalization();
    const x = tf.add(tf.mul(seeded([2, 5, 4, 3], 1), 3), 7);
    const y = layer.apply(x) as tf.Tensor;
    const { mean, variance } = tf.moments(y, [1, 2]);
    mean.dataSync().forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));
    variance.dataSync().forEach((v) => expect(v).toBeCloseTo(1, 3));
    tf.dispose([x, y, mean, variance]);
  });

  it('normalizes 3-D volumes over all three spatial axes', () => {
    const layer = new InstanceNormalization();
    const x = seeded([1, 3, 4, 2, 2], 2);
    const y = layer.apply(x) as tf.Tensor;
    const { mean } = tf.moments(y, [1, 2, 3]);
    mean.dataSync().forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));
    expect(layer.countParams()).toBe(4);
    tf.dispose([x, y, mean]);
  });

  it('has the input gradient finite differences give', () => {
    const layer = new InstanceNormalization();
    const x = seeded([1, 3, 3, 2], 3);
    const weights = seeded([1, 3, 3, 2], 4);
    layer.apply(x);
    layer.setWeights([tf.tensor1d([1.5, 0.5]), tf.tensor1d([0.2, -0.3])]);
    const f = (t: tf.Tensor) => tf.sum<tf.Scalar>(tf.mul(layer.apply(t) as tf.Tensor, weights));
    const analytic = tf.grad(f)(x);
    const numeric = centralDifference(f, x, 1e-2);
    expect(maxRelativeError(analytic.dataSync(), numeric)).toBeLessThan(2e-2);
    tf.dispose([x, weights, analytic]);
  });

  it('survives a save / load round trip', async () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const out = new InstanceNormalization({ epsilon: 1e-3 }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    const x = seeded([1, 4, 4, 2], 5);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(maxRelativeError(a.dataSync(), b.dataSync())).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});
