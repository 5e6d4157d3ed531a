import { describe, expect, it } from 'vitest';
import { buildTrainConfig, DEFAULT_SETTINGS, settingsProblem } from './settings';
import { unetSettingsOf } from './unet-settings';

const binary = { mode: 'binary', foregroundValues: [1] } as {
  mode: 'binary';
  foregroundValues: number[];
};

describe('buildTrainConfig', () => {
  it('keeps the best validation Dice with averaged weights by default', () => {
    const c = buildTrainConfig(DEFAULT_SETTINGS, binary, 1);
    expect(c.earlyStoppingMonitor).toBe('valDice');
    expect(c.weightAveraging).toBeGreaterThan(0);
    expect(c.stepsPerEpoch).toBe(DEFAULT_SETTINGS.stepsPerEpoch);
  });

  it('monitors the validation loss when asked, and maps 0 steps to one pass', () => {
    const c = buildTrainConfig(
      { ...DEFAULT_SETTINGS, monitor: 'valLoss', stepsPerEpoch: 0 },
      binary,
      1,
    );
    expect(c.earlyStoppingMonitor).toBe('valLoss');
    expect(c.stepsPerEpoch).toBeNull();
  });

  it('builds the U-Net the form describes, and ENet without U-Net fields', () => {
    const unet = { ...unetSettingsOf('seed000'), deepSupervision: true };
    const c = buildTrainConfig({ ...DEFAULT_SETTINGS, unet }, binary, 1);
    expect(c.model.architecture).toMatchObject({
      kind: 'unet',
      depth: 4,
      baseFilters: 32,
      kernelSize: 5,
      batchNorm: false,
      upMode: 'upsample',
      deepSupervision: true,
    });
    expect(c.model.inputSize).toBe(DEFAULT_SETTINGS.inputSize);
    expect(c.model.sliceFit).toBe('resize');
    const e = buildTrainConfig(
      { ...DEFAULT_SETTINGS, architecture: 'enet', sliceFit: 'crop' },
      binary,
      1,
    );
    expect(e.model.architecture.kind).toBe('enet');
    expect(e.model.sliceFit).toBe('crop');
  });
});

describe('settingsProblem', () => {
  it('asks for an input size the poolings divide', () => {
    expect(settingsProblem(DEFAULT_SETTINGS)).toBeNull();
    expect(settingsProblem({ ...DEFAULT_SETTINGS, inputSize: 120 })).toBe(
      'Input size 120: a 5-level U-Net needs a multiple of 16.',
    );
    const shallow = { ...DEFAULT_SETTINGS.unet, depth: 3 as const };
    expect(settingsProblem({ ...DEFAULT_SETTINGS, inputSize: 120, unet: shallow })).toBeNull();
    expect(settingsProblem({ ...DEFAULT_SETTINGS, architecture: 'enet', inputSize: 100 })).toBe(
      'Input size 100: ENet needs a multiple of 8.',
    );
  });
});
