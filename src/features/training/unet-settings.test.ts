import { describe, expect, it } from 'vitest';
import { UNET_PRESETS } from '../../ml/models';
import {
  matchingPreset,
  UNET_PRESET_CHOICES,
  unetArchitecture,
  unetSettingsOf,
} from './unet-settings';

describe('U-Net settings', () => {
  it('offers every preset, each recognized from its own fields', () => {
    expect(UNET_PRESET_CHOICES.map((p) => p.name).sort()).toEqual(Object.keys(UNET_PRESETS).sort());
    for (const { name } of UNET_PRESET_CHOICES) {
      expect(matchingPreset(unetSettingsOf(name))).toBe(name);
      expect(unetArchitecture(unetSettingsOf(name))).toEqual(UNET_PRESETS[name].architecture);
    }
  });

  it('reads as custom once a field changes, and builds the changed architecture', () => {
    const edited = { ...unetSettingsOf('classic'), depth: 3 as const, dropout: 0.2 };
    expect(matchingPreset(edited)).toBeNull();
    expect(unetArchitecture(edited)).toMatchObject({
      kind: 'unet',
      depth: 3,
      baseFilters: 64,
      maxFilters: 1024,
      dropout: 0.2,
      batchNorm: false,
    });
  });
});
