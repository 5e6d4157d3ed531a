import { describe, expect, it } from 'vitest';
import { buildTrainConfig, DEFAULT_SETTINGS } from './settings';

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
});
