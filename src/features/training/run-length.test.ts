import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { applyRunLength, deviceRunLength, RUN_LENGTH_NAMES, runLengthOf } from './run-length';

describe('run lengths', () => {
  it('set their fields, and are recognised from them', () => {
    for (const name of RUN_LENGTH_NAMES) {
      expect(runLengthOf(applyRunLength(DEFAULT_SETTINGS, name))).toBe(name);
    }
  });
  it('leave the other settings alone', () => {
    const s = applyRunLength({ ...DEFAULT_SETTINGS, loss: 'dice', augment: false }, 'quick');
    expect(s).toMatchObject({ loss: 'dice', augment: false, architecture: 'unet' });
  });
  it('read as custom once a field they set is changed', () => {
    const s = applyRunLength(DEFAULT_SETTINGS, 'standard');
    expect(runLengthOf({ ...s, epochs: s.epochs + 1 })).toBe('custom');
    expect(runLengthOf({ ...s, batchSize: 2 })).toBe('custom');
  });
  it('quick trains fewer, smaller steps than standard, and standard fewer than long', () => {
    const work = (name: (typeof RUN_LENGTH_NAMES)[number]) => {
      const s = applyRunLength(DEFAULT_SETTINGS, name);
      return s.epochs * s.stepsPerEpoch * s.batchSize * s.inputSize ** 2;
    };
    expect(work('quick')).toBeLessThan(work('standard') / 20);
    expect(work('standard')).toBeLessThan(work('long'));
  });
});

describe('deviceRunLength', () => {
  it('takes the full schedule on a real GPU and the CPU default elsewhere', () => {
    expect(deviceRunLength('webgpu', 'nvidia ampere')).toBe('long');
    expect(deviceRunLength('webgl', 'ANGLE (NVIDIA GeForce)')).toBe('long');
    expect(deviceRunLength('webgpu', 'google swiftshader (software emulation)')).toBe('standard');
    expect(deviceRunLength('wasm', 'WebAssembly SIMD, 2 threads')).toBe('standard');
    expect(deviceRunLength('cpu')).toBe('standard');
    expect(deviceRunLength(null)).toBe('standard');
  });
});
