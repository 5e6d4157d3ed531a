/**
 * The U-Net's shape in the Train panel: a preset from the source documents, then its
 * depth, base filters, kernel, batch norm, dropout and deep supervision, each editable.
 * The preset menu reads "Custom" once a field departs from every preset.
 */
import type { UNetPresetName } from '../../ml/models';
import {
  matchingPreset,
  UNET_PRESET_CHOICES,
  unetSettingsOf,
  type UNetSettings,
} from './unet-settings';
import { numberField } from './number-field';

const FILTERS = { min: 1, max: 512, step: 1 };
const DROPOUT = { min: 0, max: 0.9, step: 0.05 };
const inRange = (v: number, r: { min: number; max: number }) => v >= r.min && v <= r.max;

interface Props {
  value: UNetSettings;
  onChange: (next: UNetSettings) => void;
}

export function UNetFields({ value: u, onChange }: Props) {
  const set = <K extends keyof UNetSettings>(k: K, v: UNetSettings[K]) =>
    onChange({ ...u, [k]: v });
  const preset = matchingPreset(u);
  return (
    <>
      <label htmlFor="ts-unet-preset">U-Net preset</label>
      <select
        id="ts-unet-preset"
        value={preset ?? 'custom'}
        onChange={(e) => {
          if (e.target.value !== 'custom')
            onChange(unetSettingsOf(e.target.value as UNetPresetName));
        }}
      >
        {UNET_PRESET_CHOICES.map((p) => (
          <option key={p.name} value={p.name}>
            {p.label}
          </option>
        ))}
        {preset === null && <option value="custom">Custom</option>}
      </select>
      <label htmlFor="ts-unet-depth">Levels</label>
      <select
        id="ts-unet-depth"
        value={u.depth}
        onChange={(e) => set('depth', Number(e.target.value) as UNetSettings['depth'])}
      >
        <option value={3}>3 (2 poolings)</option>
        <option value={4}>4 (3 poolings)</option>
        <option value={5}>5 (4 poolings)</option>
      </select>
      {numberField('ts-unet-filters', 'Base filters', u.baseFilters, FILTERS, (v) => {
        if (Number.isInteger(v) && inRange(v, FILTERS)) set('baseFilters', v);
      })}
      <label htmlFor="ts-unet-kernel">Kernel</label>
      <select
        id="ts-unet-kernel"
        value={u.kernelSize}
        onChange={(e) => set('kernelSize', Number(e.target.value) as UNetSettings['kernelSize'])}
      >
        <option value={3}>3×3</option>
        <option value={5}>5×5</option>
      </select>
      {numberField('ts-unet-dropout', 'Bottleneck dropout', u.dropout, DROPOUT, (v) => {
        if (inRange(v, DROPOUT)) set('dropout', v);
      })}
      <label className="check wide">
        <input
          type="checkbox"
          checked={u.batchNorm}
          onChange={(e) => set('batchNorm', e.target.checked)}
        />
        Batch norm
      </label>
      <label className="check wide">
        <input
          type="checkbox"
          checked={u.deepSupervision}
          onChange={(e) => set('deepSupervision', e.target.checked)}
        />
        Deep supervision (side outputs, seed 001)
      </label>
    </>
  );
}
