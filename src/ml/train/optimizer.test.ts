import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createOptimizer,
  getLearningRate,
  isKernel,
  l2Penalty,
  setLearningRate,
} from './optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One update of w = 1 under loss w (gradient 1) with learning rate `lr`; returns the new w. */
async function stepWith(kind: 'adam' | 'sgd', momentum: number, lr: number): Promise<number> {
  const opt = createOptimizer({
    kind,
    learningRate: 1,
    momentum,
    weightDecay: 0,
    schedule: { kind: 'constant' },
  });
  setLearningRate(opt, lr);
  expect(getLearningRate(opt)).toBe(lr);
  const w = tf.variable(tf.scalar(1));
  opt.minimize(() => tf.mul<tf.Scalar>(w, 1), false, [w]);
  const value = (await w.data())[0];
  w.dispose();
  opt.dispose();
  return value;
}

describe('optimizers', () => {
  it('apply a changed learning rate for Adam, SGD and momentum', async () => {
    // SGD: w - lr * g. Adam's first step moves by about lr. Momentum's first step: lr * g.
    expect(await stepWith('sgd', 0, 0.25)).toBeCloseTo(0.75, 6);
    expect(await stepWith('sgd', 0.9, 0.25)).toBeCloseTo(0.75, 6);
    expect(await stepWith('adam', 0, 0.25)).toBeCloseTo(0.75, 3);
  });

  it("takes the same Adam epsilon whatever the backend's own epsilon", async () => {
    // The webgl backend reports 1e-4 on float32 devices, the others 1e-7. With a gradient
    // of 1e-4, Adam's first step is lr * g / (|g| + eps): ~lr with 1e-7, lr / 2 with 1e-4.
    const spy = vi.spyOn(tf.backend(), 'epsilon').mockReturnValue(1e-4);
    try {
      const opt = createOptimizer({
        kind: 'adam',
        learningRate: 0.25,
        momentum: 0,
        weightDecay: 0,
        schedule: { kind: 'constant' },
      });
      const w = tf.variable(tf.scalar(1));
      opt.minimize(() => tf.mul<tf.Scalar>(w, 1e-4), false, [w]);
      expect(1 - (await w.data())[0]).toBeCloseTo(0.25 * (1e-4 / (1e-4 + 1e-7)), 5);
      w.dispose();
      opt.dispose();
    } finally {
      spy.mockRestore();
    }
  });

  it('decays convolution kernels only', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [4, 4, 1],
          filters: 2,
          kernelSize: 3,
          kernelInitializer: 'ones',
          name: 'c',
        }),
        tf.layers.batchNormalization({ name: 'bn' }),
      ],
    });
    expect(model.weights.filter(isKernel).map((w) => w.originalName)).toEqual(['c/kernel']);
    const penalty = l2Penalty(model.trainableWeights, 0.5)!;
    // 18 kernel weights of 1: 0.5 * 18.
    expect((await penalty.data())[0]).toBeCloseTo(9, 5);
    expect(l2Penalty(model.trainableWeights, 0)).toBeNull();
    penalty.dispose();
    model.dispose();
  });
});
