import type * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTrainingTestBackend } from '../train/test-backend';
import { buildModel } from '.';
import { presetSpec } from '.';
import { tinyUNetSpec } from './testing-specs';
import { deeplabv3plus } from './deeplabv3plus';
import { seedInitialWeights } from './seeded-init';

beforeAll(async () => {
  await startTrainingTestBackend();
});

function snapshot(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

async function seeded(
  spec: Parameters<typeof buildModel>[0],
  seed: number,
): Promise<Float32Array[]> {
  const model = await buildModel(spec);
  seedInitialWeights(model, seed);
  const weights = snapshot(model);
  model.dispose();
  return weights;
}

describe('seedInitialWeights', () => {
  it('gives identical U-Net weights for one seed and different kernels for another', async () => {
    const spec = tinyUNetSpec(32);
    const a = await seeded(spec, 7);
    const b = await seeded(spec, 7);
    const c = await seeded(spec, 8);
    expect(a.length).toBe(b.length);
    a.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b[i])));
    const differing = a.filter((w, i) => w.some((v, k) => v !== c[i][k])).length;
    expect(differing).toBeGreaterThan(0);
  });

  it('redraws every convolution kernel of ENet, the dilated ones included, with He/Glorot scale', async () => {
    const model = await buildModel({ ...presetSpec('enet', 'paper'), inputSize: 64 });
    const kernels = model.layers.filter(
      (l) => (l as unknown as { kernel?: tf.LayerVariable }).kernel !== undefined,
    );
    const redrawn = seedInitialWeights(model, 3);
    expect(redrawn).toBe(kernels.length);
    expect(kernels.some((l) => l.getClassName() === 'DilatedConv2D')).toBe(true);
    for (const layer of kernels) {
      const kernel = (layer as unknown as { kernel: tf.LayerVariable }).kernel;
      const values = kernel.read().dataSync();
      const shape = kernel.shape as number[];
      const fanIn = values.length / shape[shape.length - 1];
      const fanOut = values.length / shape[shape.length - 2];
      let sq = 0;
      for (const v of values) sq += v * v;
      const std = Math.sqrt(sq / values.length);
      // He normal (truncated): ~0.88 sqrt(2 / fanIn); Glorot uniform: sqrt(2 / (fanIn + fanOut)).
      const expected =
        layer.getClassName() === 'DilatedConv2D'
          ? Math.sqrt(2 / (fanIn + fanOut))
          : 0.88 * Math.sqrt(2 / fanIn);
      if (values.length >= 256) {
        expect(std / expected).toBeGreaterThan(0.8);
        expect(std / expected).toBeLessThan(1.2);
      }
    }
    model.dispose();
  });

  it('redraws depthwise kernels too (DeepLabv3+), so one seed gives one network', async () => {
    const spec = {
      ...presetSpec('deeplabv3plus'),
      architecture: deeplabv3plus.tiny,
      inputSize: 32,
    };
    const a = await seeded(spec, 5);
    const b = await seeded(spec, 5);
    a.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(b[i])));
    const model = await buildModel(spec);
    const depthwise = model.layers.filter((l) => /Depthwise/.test(l.getClassName()));
    expect(depthwise.some((l) => l.getClassName() === 'DepthwiseConv2D')).toBe(true);
    expect(depthwise.some((l) => l.getClassName() === 'DilatedDepthwiseConv2D')).toBe(true);
    const before = depthwise.map((l) => Array.from(l.getWeights()[0].dataSync()));
    const redrawn = seedInitialWeights(model, 9);
    const kernels = model.layers.filter(
      (l) => l.getWeights().length > 0 && /Conv/.test(l.getClassName()),
    );
    expect(redrawn).toBe(kernels.length);
    depthwise.forEach((l, i) =>
      expect(Array.from(l.getWeights()[0].dataSync())).not.toEqual(before[i]),
    );
    model.dispose();
  });
});
