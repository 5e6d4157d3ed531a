/**
 * The U-Net's shape as the Train panel offers it: one of the source documents' presets, or
 * the preset with the user's changes to its depth, base filters, kernel, batch norm,
 * dropout and deep supervision (seed 001's side outputs). Pure, so the form and the configuration builder share one definition.
 */
import { UNET_PRESETS, type UNetPresetName } from '../../ml/models';
import type { UNetSpec } from '../../ml/models/spec';

/** The U-Net fields the form edits; the rest of the architecture comes from the preset. */
export type UNetSettings = Pick<
  UNetSpec,
  | 'depth'
  | 'baseFilters'
  | 'maxFilters'
  | 'kernelSize'
  | 'batchNorm'
  | 'dropout'
  | 'upMode'
  | 'deepSupervision'
>;

/** The presets in the order the form lists them, with what each one is. */
export const UNET_PRESET_CHOICES: readonly { name: UNetPresetName; label: string }[] = [
  { name: 'studioDefault', label: 'Studio default: 5 levels, 16 → 256 filters, batch norm' },
  { name: 'seed000', label: 'Seed 000: 4 levels, 5×5, 32 → 256 filters, no batch norm' },
  { name: 'seed003', label: 'Seed 003: 3 levels, 64 → 256 filters' },
  { name: 'classic', label: 'Classic: 5 levels, 64 → 1024 filters, dropout 0.5' },
];

/** The form's fields as preset `name` defines them. */
export function unetSettingsOf(name: UNetPresetName): UNetSettings {
  const a = UNET_PRESETS[name].architecture;
  return {
    depth: a.depth,
    baseFilters: a.baseFilters,
    maxFilters: a.maxFilters,
    kernelSize: a.kernelSize,
    batchNorm: a.batchNorm,
    dropout: a.dropout,
    upMode: a.upMode,
    deepSupervision: a.deepSupervision,
  };
}

/** The preset these fields are exactly, or null once the user has changed any of them. */
export function matchingPreset(s: UNetSettings): UNetPresetName | null {
  const keys = Object.keys(s) as (keyof UNetSettings)[];
  const match = UNET_PRESET_CHOICES.find(({ name }) => {
    const p = unetSettingsOf(name);
    return keys.every((k) => p[k] === s[k]);
  });
  return match?.name ?? null;
}

/** The full architecture: the studio default's remaining choices with these fields. */
export function unetArchitecture(s: UNetSettings): UNetSpec {
  return { ...UNET_PRESETS.studioDefault.architecture, ...s };
}
