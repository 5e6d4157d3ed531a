import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { BN_STATS_KERNEL, batchNormTraining } from './batch-norm-training';
import { registerWasmTrainingKernels } from '../kernels/wasm';
import { serialPool, setKernelPool } from '../kernels/wasm/pool';
import { expectBackendsAgree, relativeError, seededTensor } from '../kernels/wasm/testing';

const EPS = 1e-3;

/** tfjs' own formulation: moments, then batchNorm, differentiated through both. */
function stock(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const axes = [...Array(x.rank - 1).keys()];
  const { mean, variance } = tf.moments(x, axes);
  return tf.batchNorm(x, mean, variance, beta, gamma, EPS);
}

function fused(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const r = batchNormTraining(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, EPS);
  tf.dispose([r.mean, r.variance]);
  return r.y;
}

/** Output and gradients in x, gamma and beta of a weighted sum of the normalized tensor. */
function withGradients(norm: typeof stock, shape: number[]): () => tf.Tensor[] {
  return () => {
    const c = shape[shape.length - 1];
    const x = tf.add(tf.mul(seededTensor(shape, 1), 3), 0.5);
    const gamma = tf.add(seededTensor([c], 2), 1.2);
    const beta = seededTensor([c], 3);
    const w = seededTensor(shape, 4);
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(norm(a, g, b), w));
    return [norm(x, gamma, beta), ...tf.grads(f)([x, gamma, beta])];
  };
}

describe('batchNormTraining', () => {
  it('equals moments + batchNorm and their gradients (cpu)', async () => {
    await tf.setBackend('cpu');
    for (const shape of [
      [2, 5, 7, 3],
      [3, 8, 16],
    ]) {
      const want = tf.tidy(withGradients(stock, shape));
      const got = tf.tidy(withGradients(fused, shape));
      got.forEach((t, i) => {
        expect(t.shape).toEqual(want[i].shape);
        expect(relativeError(t.dataSync(), want[i].dataSync())).toBeLessThan(1e-5);
      });
      tf.dispose([...want, ...got]);
    }
  });

  it('returns the batch statistics and leaks no tensor', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 1, 2]);
    const gamma = tf.ones<tf.Rank.R1>([2]);
    const beta = tf.zeros<tf.Rank.R1>([2]);
    const r = batchNormTraining(x, gamma, beta, EPS);
    expect(Array.from(await r.mean.data())).toEqual([4, 5]);
    expect(Array.from(await r.variance.data())).toEqual([5, 5]);
    tf.dispose([x, gamma, beta, r.y, r.mean, r.variance]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the WASM kernels match the cpu backend', () => {
  it('on one thread', async () => {
    await expectBackendsAgree(withGradients(fused, [2, 9, 11, 16]), 2e-5);
  });
  describe('split over three shares', () => {
    beforeAll(() => setKernelPool(serialPool(3)));
    afterAll(() => setKernelPool(null));
    it('with every share holding rows', async () => {
      await expectBackendsAgree(withGradients(fused, [4, 32, 32, 16]), 2e-5);
    });
  });
});

describe('tfjs BatchNormalization layers train through it', () => {
  it('runs the studio kernels on WASM in training mode only', async () => {
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const layer = tf.layers.batchNormalization({ axis: -1 });
    const x = seededTensor([2, 4, 4, 3], 6);
    const kernels = async (training: boolean) =>
      (await tf.profile(() => layer.apply(x, { training }) as tf.Tensor)).kernelNames;
    expect(await kernels(true)).toContain(BN_STATS_KERNEL);
    expect(await kernels(false)).not.toContain(BN_STATS_KERNEL);
    layer.trainable = false;
    expect(await kernels(true)).not.toContain(BN_STATS_KERNEL);
    x.dispose();
  });

  it('normalizes with the batch and moves the averages as tfjs does', async () => {
    await tf.setBackend('cpu');
    const layer = tf.layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: EPS });
    const x = tf.add(tf.mul(seededTensor([2, 4, 4, 3], 5), 2), 1);
    const y = layer.apply(x, { training: true }) as tf.Tensor;
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const want = tf.batchNorm(x, mean, variance, undefined, undefined, EPS);
    expect(relativeError(await y.data(), await want.data())).toBeLessThan(1e-5);
    const [movingMean, movingVariance] = layer.getWeights().slice(2);
    const expectMean = tf.mul(mean, 0.1);
    const expectVariance = tf.add(tf.mul(variance, 0.1), 0.9);
    expect(relativeError(await movingMean.data(), await expectMean.data())).toBeLessThan(1e-6);
    expect(relativeError(await movingVariance.data(), await expectVariance.data())).toBeLessThan(
      1e-6,
    );
    tf.dispose([x, y, mean, variance, want, expectMean, expectVariance]);
  });
});
