import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel, presetSpec } from '../models';
import {
  ACTIVATION_FACTOR,
  describeMemory,
  estimateTrainingMemory,
  fitToMemory,
  memoryBudget,
} from './memory';
import { startTrainingTestBackend } from './test-backend';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('training memory estimate', () => {
  const spec = { ...presetSpec('unet3d'), inputSize: 64, patchDepth: 16 };

  it('grows with the batch and counts the weights once per run', () => {
    const one = estimateTrainingMemory(spec, 1);
    const two = estimateTrainingMemory(spec, 2);
    expect(one).not.toBeNull();
    expect(two!.activationBytes).toBe(2 * one!.activationBytes);
    expect(two!.weightBytes).toBe(one!.weightBytes);
    // 351,077 parameters, six copies of float32.
    expect(one!.weightBytes).toBe(6 * 4 * 351_077);
    expect(estimateTrainingMemory(presetSpec('unet'), 8)).toBeNull();
  });

  it('fits the batch, then the patch, to a budget', () => {
    const two = estimateTrainingMemory(spec, 2)!.bytes;
    const one = estimateTrainingMemory(spec, 1)!.bytes;
    expect(fitToMemory(spec, 2, two)).toEqual({ inputSize: 64, batch: 2 });
    expect(fitToMemory(spec, 2, two - 1)).toEqual({ inputSize: 64, batch: 1 });
    const smaller = fitToMemory(spec, 2, one - 1);
    expect(smaller?.batch).toBe(1);
    expect(smaller?.inputSize).toBe(56);
    expect(fitToMemory(spec, 2, 1 * MB)).toBeNull();
  });

  it('allows half the device, no more than the WASM heap on wasm', () => {
    expect(memoryBudget(8, 'wasm')).toBe(3.5 * GB);
    expect(memoryBudget(8, 'webgpu')).toBe(4 * GB);
    expect(memoryBudget(undefined, 'cpu')).toBe(2 * GB);
    expect(memoryBudget(2, 'wasm')).toBe(1 * GB);
  });

  it('says in one line what a step needs and whether it fits', () => {
    const line = describeMemory(spec, 2, 4 * GB);
    expect(line).toMatch(
      /^Memory: about \d+ MB per training step \(batch 2 of 64×64×16 patches\); fits in the 4\.0 GB/,
    );
    expect(describeMemory(spec, 2, 10 * MB)).toMatch(/does not fit/);
  });

  it('is above, and within 1.6 times, the peak tensor bytes of a real step on wasm', async () => {
    await startTrainingTestBackend();
    for (const kind of ['unet3d', 'fcdensenet3d'] as const) {
      const s = { ...presetSpec(kind), inputSize: 32, patchDepth: 16 };
      const model = await buildModel(s);
      const optimizer = tf.train.adam(1e-3);
      const x = tf.randomNormal([1, 16, 32, 32, 1]);
      const y = tf.cast(tf.greater(tf.randomNormal([1, 16, 32, 32, 1]), 0), 'float32');
      const step = () =>
        optimizer
          .minimize(
            () => tf.losses.sigmoidCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor),
            true,
          )
          ?.dispose();
      step();
      const before = tf.memory().numBytes;
      const peak = (await tf.profile(step)).peakBytes - before;
      const estimate = estimateTrainingMemory(s, 1)!;
      expect(estimate.bytes).toBeGreaterThan(peak);
      expect(estimate.bytes).toBeLessThan(1.6 * peak);
      expect(estimate.activationBytes / ACTIVATION_FACTOR).toBeLessThan(peak);
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
    }
  }, 120_000);
});
