import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../kernels/wasm';
import {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  combineLosses,
  diceLoss,
  type LossFn,
} from '../losses';
import { buildModel } from './index';
import type { ModelSpec } from './spec';
import { overfit, tinyBatch } from './testing';

// ENet's training step costs ~2-3 s at 32x32 on tfjs' plain-JS cpu backend (its
// Conv2DBackpropFilter kernel dominates), so ENet trains here on the backend the studio uses
// for CPU training: wasm with the project's training kernels. This also runs the custom
// layers (dilated conv, pooling indices, unpooling) forward and backward on wasm.
beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

const withDice = (ce: LossFn): LossFn =>
  combineLosses([
    { loss: (t, p) => diceLoss(t, p), weight: 1 },
    { loss: ce, weight: 1 },
  ]);

// [name, spec, loss, batch size]; ENet's step is ~7x a tiny U-Net's, so it gets one slice.
const cases: Array<[string, ModelSpec, LossFn, number]> = [
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
        activation: 'prelu',
        deepSupervision: false,
      },
      inputSize: 32,
      inChannels: 1,
      numClasses: 1,
    },
    withDice((t, p) => binaryCrossEntropy(t, p)),
    2,
  ],
  [
    'ENet',
    {
      architecture: { kind: 'enet', dropoutStage1: 0, dropout: 0 },
      inputSize: 32,
      inChannels: 1,
      numClasses: 2,
    },
    withDice((t, p) => categoricalCrossEntropy(t, p)),
    1,
  ],
];

describe('training on the wasm backend', () => {
  for (const [name, spec, loss, batchSize] of cases) {
    it(`${name} halves its loss on a 32x32 batch of ${batchSize} within 30 steps, without leaks`, () => {
      const model = buildModel(spec);
      const batch = tinyBatch(batchSize, 32, spec.numClasses);
      const run = overfit(model, batch, loss, 30);
      expect(tf.getBackend()).toBe('wasm');
      expect(run.losses.every(Number.isFinite)).toBe(true);
      expect(Math.min(...run.losses.slice(-3))).toBeLessThan(0.5 * run.losses[0]);
      expect(new Set(run.tensorCounts).size).toBe(1);
      tf.dispose([batch.x, batch.y]);
      model.dispose();
    });
  }
});
