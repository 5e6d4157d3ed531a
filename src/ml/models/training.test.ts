import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  combineLosses,
  diceLoss,
  binaryCrossEntropy,
  categoricalCrossEntropy,
  type LossFn,
} from '../losses';
import { buildModel } from './index';
import type { ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One optimizer step on the model's own trainable weights; returns the loss tensor. */
function step(
  model: tf.LayersModel,
  opt: tf.Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: LossFn,
): tf.Scalar {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  return tf.tidy(() => {
    const cost = opt.minimize(
      () => loss(y, model.apply(x, { training: true }) as tf.Tensor),
      true,
      vars,
    );
    if (cost == null) throw new Error('minimize returned no cost');
    return cost;
  });
}

/** Two 32x32 slices, each with a bright square the target marks as foreground. */
function tinyBatch(numClasses: number): { x: tf.Tensor4D; y: tf.Tensor4D } {
  return tf.tidy(() => {
    const rows = tf.range(0, 32).reshape([1, 32, 1, 1]);
    const cols = tf.range(0, 32).reshape([1, 1, 32, 1]);
    const inside = (r0: number, c0: number): tf.Tensor =>
      tf.logicalAnd(
        tf.logicalAnd(tf.greaterEqual(rows, r0), tf.less(rows, r0 + 12)),
        tf.logicalAnd(tf.greaterEqual(cols, c0), tf.less(cols, c0 + 10)),
      );
    const fg = tf.cast(tf.concat([inside(4, 6), inside(14, 16)], 0), 'float32') as tf.Tensor4D;
    const x = tf.add(fg, tf.randomNormal([2, 32, 32, 1], 0, 0.3, 'float32', 1)) as tf.Tensor4D;
    const y = numClasses === 1 ? fg : (tf.concat([tf.sub(1, fg), fg], -1) as tf.Tensor4D);
    return { x, y };
  });
}

const cases: Array<[string, ModelSpec, LossFn]> = [
  [
    'U-Net',
    {
      architecture: {
        kind: 'unet',
        depth: 3,
        baseFilters: 8,
        maxFilters: 32,
        kernelSize: 3,
        batchNorm: true,
        dropout: 0,
        activation: 'relu',
        deepSupervision: false,
      },
      inputSize: 32,
      inChannels: 1,
      numClasses: 1,
    },
    combineLosses([
      { loss: (t, p) => diceLoss(t, p), weight: 1 },
      { loss: (t, p) => binaryCrossEntropy(t, p), weight: 1 },
    ]),
  ],
  [
    'ENet',
    {
      architecture: { kind: 'enet', dropoutStage1: 0, dropout: 0 },
      inputSize: 32,
      inChannels: 1,
      numClasses: 2,
    },
    combineLosses([
      { loss: (t, p) => diceLoss(t, p), weight: 1 },
      { loss: (t, p) => categoricalCrossEntropy(t, p), weight: 1 },
    ]),
  ],
];

describe('training on one tiny batch', () => {
  for (const [name, spec, loss] of cases) {
    it(`${name} halves its loss within 30 steps without leaking tensors`, () => {
      const model = buildModel(spec);
      const { x, y } = tinyBatch(spec.numClasses);
      const opt = tf.train.adam(0.01);
      const losses: number[] = [];
      // The first step creates the optimizer's slot variables; later ones must not grow memory.
      const first = step(model, opt, x, y, loss);
      losses.push(first.dataSync()[0]);
      first.dispose();
      const tensorsBefore = tf.memory().numTensors;
      for (let i = 1; i < 30; i++) {
        const cost = step(model, opt, x, y, loss);
        losses.push(cost.dataSync()[0]);
        cost.dispose();
        expect(tf.memory().numTensors).toBe(tensorsBefore);
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      expect(Math.min(...losses.slice(-3))).toBeLessThan(0.5 * losses[0]);
      tf.dispose([x, y]);
      opt.dispose();
      model.dispose();
    });
  }
});
