import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropy, combineLosses, diceLoss } from '../losses';
import { buildModel } from './index';
import { tinyUNetSpec } from './testing-specs';
import { overfit, tinyBatch } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// tfjs' plain-JS cpu kernels for convolution gradients are slow (seconds per step for
// ENet), so the cpu run is a small U-Net; training-wasm.test.ts covers both networks at
// 32x32 on the backend the studio trains with on CPUs.
describe('training on the cpu backend', () => {
  it('a tiny U-Net halves its loss on one 16x16 batch within 30 steps, without leaks', async () => {
    const model = await buildModel(tinyUNetSpec(16));
    const batch = tinyBatch(2, 16, 1);
    const loss = combineLosses([
      { loss: (t, p) => diceLoss(t, p), weight: 1 },
      { loss: (t, p) => binaryCrossEntropy(t, p), weight: 1 },
    ]);
    const run = overfit(model, batch, loss, 30, 0.03);
    expect(run.losses.every(Number.isFinite)).toBe(true);
    expect(Math.min(...run.losses.slice(-3))).toBeLessThan(0.5 * run.losses[0]);
    expect(new Set(run.tensorCounts).size).toBe(1);
    tf.dispose([batch.x, batch.y]);
    model.dispose();
  });
});
