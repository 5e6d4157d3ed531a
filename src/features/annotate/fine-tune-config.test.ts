import { describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../ml/data/target';
import { defaultTrainConfig } from '../../ml/train/config';
import { FINE_TUNE_DEFAULTS, fineTuneConfig, targetOf } from './fine-tune-config';

const binary: TargetSpec = { mode: 'binary', foregroundValues: [1] };

describe('fine-tune configuration', () => {
  it("continues the base model's configuration with a small constant rate for a few steps", () => {
    const base = { ...defaultTrainConfig(), batchSize: 6, seed: 7 };
    const c = fineTuneConfig(base, binary, { ...FINE_TUNE_DEFAULTS, freezeEncoder: true });
    expect(c).toMatchObject({
      batchSize: 6,
      seed: 7,
      loss: base.loss,
      epochs: 3,
      stepsPerEpoch: 20,
      earlyStoppingPatience: 0,
      weightAveraging: 0,
      autoValidationFraction: 0,
      fineTune: { freezeEncoder: true },
    });
    expect(c.optimizer).toMatchObject({
      kind: 'adam',
      learningRate: 1e-4,
      schedule: { kind: 'constant' },
    });
    expect(base.optimizer.learningRate).toBe(1e-3);
  });

  it('builds on the defaults for an imported model that carries only its network', () => {
    const model = { ...defaultTrainConfig().model, inChannels: 2 };
    const c = fineTuneConfig({ model, target: { mode: 'multiclass', values: [1, 2] } }, binary, {
      ...FINE_TUNE_DEFAULTS,
      epochs: 0.4,
    });
    expect(c.model).toBe(model);
    expect(c.target).toEqual({ mode: 'multiclass', values: [1, 2] });
    expect(c.loss).toMatchObject({ name: 'combo' });
    expect(c.epochs).toBe(1);
    expect(targetOf({ target: binary })).toEqual(binary);
    expect(() => fineTuneConfig({ model: null }, binary, FINE_TUNE_DEFAULTS)).toThrow(/network/);
  });
});
