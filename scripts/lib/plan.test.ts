import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '../../src/ml/train/config';
import { benchTrainConfig, evalTrainConfig, fineTuneSchedule, planSteps } from './plan';

const target = { mode: 'binary' as const, foregroundValues: [1] };

describe('planSteps', () => {
  it('spreads steps over the most epochs up to 10 that divide them', () => {
    expect(planSteps(200)).toEqual({ epochs: 10, stepsPerEpoch: 20, total: 200 });
    expect(planSteps(6)).toEqual({ epochs: 6, stepsPerEpoch: 1, total: 6 });
    expect(planSteps(21)).toEqual({ epochs: 7, stepsPerEpoch: 3, total: 21 });
    expect(planSteps(13)).toEqual({ epochs: 1, stepsPerEpoch: 13, total: 13 });
  });

  it('rounds the steps up when the requested epochs do not divide them', () => {
    expect(planSteps(10, 3)).toEqual({ epochs: 3, stepsPerEpoch: 4, total: 12 });
    expect(planSteps(10, 5)).toEqual({ epochs: 5, stepsPerEpoch: 2, total: 10 });
  });
});

describe('evalTrainConfig', () => {
  it("is the studio's default configuration with the command line's changes", () => {
    const c = evalTrainConfig({
      model: 'enet',
      size: 64,
      batch: 4,
      steps: 30,
      target,
      inChannels: 2,
    });
    const base = defaultTrainConfig({ architecture: 'enet', inputSize: 64, inChannels: 2 });
    expect(c.model).toEqual(base.model);
    expect(c.loss).toEqual(base.loss);
    expect(c.autoValidationFraction).toBe(base.autoValidationFraction);
    expect(c.earlyStoppingPatience).toBe(base.earlyStoppingPatience);
    expect(c).toMatchObject({ batchSize: 4, epochs: 10, stepsPerEpoch: 3, progressEvery: 1 });
  });

  it('keeps one pass per epoch when only epochs are given', () => {
    const c = evalTrainConfig({ model: 'unet', epochs: 3, target, inChannels: 1, patience: 0 });
    expect(c).toMatchObject({
      epochs: 3,
      stepsPerEpoch: null,
      batchSize: 8,
      earlyStoppingPatience: 0,
    });
    expect(c.model.inputSize).toBe(128);
  });
});

describe('evalTrainConfig for 3-D networks', () => {
  it("starts from the architecture's own training defaults (seed 002) and the given patch", () => {
    const c = evalTrainConfig({ model: 'unet3d', size: 48, depth: 8, target, inChannels: 1 });
    expect(c.model).toMatchObject({ inputSize: 48, patchDepth: 8 });
    expect(c.loss).toMatchObject({ name: 'combo' });
    expect(c.optimizer).toMatchObject({ kind: 'adam', learningRate: 1e-3, weightDecay: 1e-4 });
    expect(c.batchSize).toBe(2);
    const t = evalTrainConfig({ model: 'fcdensenet3d', target, inChannels: 1 });
    expect(t.model).toMatchObject({ inputSize: 64, patchDepth: 16 });
    expect(t.optimizer.learningRate).toBe(1e-4);
  });

  it('trains with Dice plus cross-entropy, or with cross-entropy alone (seed 002) on request', () => {
    const c = evalTrainConfig({ model: 'unet3d', target, inChannels: 1 });
    expect(c.loss).toEqual({
      name: 'combo',
      terms: [
        { spec: { name: 'dice' }, weight: 1 },
        { spec: { name: 'bce' }, weight: 1 },
      ],
    });
    const seed = evalTrainConfig({ model: 'unet3d', target, inChannels: 1, loss: 'ce' });
    expect(seed.loss).toEqual({ name: 'bce' });
  });
});

describe('benchTrainConfig', () => {
  it('times one epoch of plain steps: no validation, no early stopping', () => {
    const c = benchTrainConfig('unet', 32, 2, 5, target);
    expect(c).toMatchObject({
      batchSize: 2,
      epochs: 1,
      stepsPerEpoch: 5,
      autoValidationFraction: 0,
      earlyStoppingPatience: 0,
    });
    expect(c.model.architecture).toMatchObject({ kind: 'unet', baseFilters: 16, depth: 5 });
  });

  it('gives a 3-D network its patch depth and its own loss', () => {
    const c = benchTrainConfig('unet3d', 32, 2, 3, target, 8);
    expect(c.model).toMatchObject({ inputSize: 32, patchDepth: 8 });
    expect(c.loss).toMatchObject({ name: 'combo' });
    expect(benchTrainConfig('unet3d', 32, 2, 3, target).model.patchDepth).toBe(16);
  });
});

describe('fineTuneSchedule', () => {
  it.each([
    [60, 20, { epochs: 3, stepsPerEpoch: 20, total: 60 }],
    [10, 20, { epochs: 1, stepsPerEpoch: 10, total: 10 }],
    [50, 20, { epochs: 3, stepsPerEpoch: 17, total: 51 }],
  ])('spreads %i steps over epochs of at most %i', (steps, perEpoch, plan) => {
    expect(fineTuneSchedule(steps, perEpoch)).toEqual(plan);
  });
});
