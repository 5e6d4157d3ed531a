import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index';
import { seeded } from './testing';
import { buildUNetFixture, diceLoss } from './unet-fixture';
import type { UNetFixtureOptions } from './unet-fixture';

interface Run {
  losses: number[];
  weights: Float32Array[];
}

const SIZE = 16;
const BATCH = 2;

/**
 * Three SGD steps of Dice + BCE on fixed data; returns the losses and final weights.
 * SGD rather than Adam: a conv bias feeding batch norm has a zero gradient up to
 * round-off, which Adam would blow up into full-size steps of random sign. A modest rate:
 * max pooling and ReLU make gradients discontinuous, and large steps turn float32
 * round-off into visibly different runs after a few steps (on any pair of backends).
 */
async function train(backend: 'cpu' | 'wasm', options: UNetFixtureOptions): Promise<Run> {
  if (backend === 'wasm') registerWasmTrainingKernels();
  await tf.setBackend(backend);
  const before = tf.memory();
  const model = buildUNetFixture(options);
  const image = tf.tensor4d(seeded(BATCH * SIZE * SIZE, 11), [BATCH, SIZE, SIZE, 1]);
  const truth = tf.tidy(() =>
    tf.cast(tf.greater(tf.tensor4d(seeded(BATCH * SIZE * SIZE, 12), image.shape), 0.4), 'float32'),
  );
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const loss = optimizer.minimize(() => {
      const prob = model.apply(image, { training: true }) as tf.Tensor;
      return tf.add<tf.Scalar>(
        diceLoss(truth, prob),
        tf.metrics.binaryCrossentropy(truth, prob).mean(),
      );
    }, true);
    if (loss === null) throw new Error('minimize returned no loss');
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  tf.dispose([image, truth]);
  optimizer.dispose();
  model.dispose();
  expect(tf.memory().numTensors).toBe(before.numTensors);
  // Kernels must not leave temporary heap buffers behind either.
  expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
  return { losses, weights };
}

async function expectSameTraining(options: UNetFixtureOptions): Promise<void> {
  const cpu = await train('cpu', options);
  const wasm = await train('wasm', options);
  // The run must really train, or equal losses would prove nothing.
  expect(cpu.losses[2]).toBeLessThan(cpu.losses[0]);
  wasm.losses.forEach((l, i) =>
    expect(Math.abs(l - cpu.losses[i])).toBeLessThanOrEqual(1e-4 * cpu.losses[i]),
  );
  wasm.weights.forEach((w, i) => {
    const ref = cpu.weights[i];
    const err = w.reduce((m, v, k) => Math.max(m, Math.abs(v - ref[k])), 0);
    const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-3);
    expect(err / scale).toBeLessThanOrEqual(1e-3);
  });
}

describe('training a small U-Net gives the same losses on wasm and cpu', () => {
  it('ReLU, max pooling, 2x2 transposed convolutions', async () => {
    await expectSameTraining({ size: SIZE, baseFilters: 4, depth: 3 });
  });

  it('batch norm, PReLU, strided convolution, 3x3 stride-2 transposed convolution', async () => {
    await expectSameTraining({
      size: SIZE,
      baseFilters: 4,
      depth: 3,
      batchNorm: true,
      prelu: true,
      stridedDown: true,
      wideUp: true,
    });
  });
});
