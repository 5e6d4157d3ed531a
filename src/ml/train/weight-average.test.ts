import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTrainingTestBackend } from './test-backend';
import { WeightAverage } from './weight-average';

function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [2] });
  const out = tf.layers
    .dense({ units: 1, useBias: false, kernelInitializer: 'zeros' })
    .apply(input);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
}

function kernel(model: tf.LayersModel): number[] {
  return Array.from(model.trainableWeights[0].read().dataSync());
}

beforeAll(async () => {
  await startTrainingTestBackend();
});

describe('WeightAverage', () => {
  it('averages with a decay that ramps up: (1+n)/(10+n) until it reaches the set decay', () => {
    const model = tinyModel();
    const avg = new WeightAverage(model, 0.99);
    model.trainableWeights[0].write(tf.tensor2d([[1], [2]]));
    avg.update(); // d = 2/11: average = 0 * 2/11 + w * 9/11
    avg.apply();
    expect(kernel(model)[0]).toBeCloseTo(9 / 11, 6);
    expect(kernel(model)[1]).toBeCloseTo(18 / 11, 6);
    avg.dispose();
    model.dispose();
  });

  it('lends the average for a while and then puts the raw weights back', async () => {
    const model = tinyModel();
    const avg = new WeightAverage(model, 0.5);
    model.trainableWeights[0].write(tf.tensor2d([[4], [8]]));
    avg.update(); // d = min(0.5, 2/11) = 2/11
    const seen = await avg.withAverage(() => Promise.resolve(kernel(model)));
    expect(seen[0]).toBeCloseTo((4 * 9) / 11, 5);
    expect(kernel(model)).toEqual([4, 8]);
    avg.dispose();
    model.dispose();
  });

  it('leaves no tensors behind per update', () => {
    const model = tinyModel();
    const avg = new WeightAverage(model, 0.9);
    avg.update();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) avg.update();
    expect(tf.memory().numTensors).toBe(before);
    avg.dispose();
    model.dispose();
  });
});
