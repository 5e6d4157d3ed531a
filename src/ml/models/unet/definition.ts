/**
 * U-Net (Ronneberger et al. 2015) as the studio offers it: depth 3-5, base filters with a
 * cap, 3x3 or 5x5 kernels, normalization, activation, bottleneck dropout, learned or
 * parameter-free upsampling, and deep supervision (side outputs at the decoder levels).
 */
import { defineParts, encoderByPrefix, type Activation, type Normalization } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import { UNET_PRESETS } from './presets';
import type { UNetSpec } from './spec';

export type { UNetSpec, UpMode } from './spec';
export { UNET_PRESETS, type UNetPresetName } from './presets';

/** Filters at each level: base doubled per level, capped. */
export function unetFilters(
  arch: Pick<UNetSpec, 'depth' | 'baseFilters' | 'maxFilters'>,
): number[] {
  return Array.from({ length: arch.depth }, (_, l) =>
    Math.min(arch.baseFilters * 2 ** l, arch.maxFilters),
  );
}

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const unetParts = defineParts<'unet', UNetSpec>({
  kind: 'unet',
  label: 'U-Net',
  description: 'Ronneberger et al. 2015: an encoder-decoder with skip connections at every level.',
  geometry: 'slice',
  presets: UNET_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 128,
  tiny: { ...UNET_PRESETS.studio.architecture, depth: 3, baseFilters: 4, maxFilters: 16 },
  inputMultiple: (a) => 2 ** (a.depth - 1),
  fields: [
    {
      kind: 'select',
      key: 'depth',
      label: 'Levels',
      options: [
        { value: 3, label: '3 (2 poolings)' },
        { value: 4, label: '4 (3 poolings)' },
        { value: 5, label: '5 (4 poolings)' },
      ],
    },
    {
      kind: 'number',
      key: 'baseFilters',
      label: 'Base filters',
      min: 1,
      max: 512,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'maxFilters',
      label: 'Filter cap',
      min: 1,
      max: 2048,
      step: 1,
      integer: true,
    },
    {
      kind: 'select',
      key: 'kernelSize',
      label: 'Kernel',
      options: [
        { value: 3, label: '3×3' },
        { value: 5, label: '5×5' },
      ],
    },
    {
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
    { kind: 'number', key: 'dropout', label: 'Bottleneck dropout', min: 0, max: 0.9, step: 0.05 },
    {
      kind: 'select',
      key: 'upMode',
      label: 'Decoder upsampling',
      options: [
        { value: 'transposed', label: '2×2 up-convolution' },
        { value: 'upsample', label: 'nearest neighbour (no weights)' },
      ],
    },
    { kind: 'check', key: 'deepSupervision', label: 'Deep supervision (side outputs)' },
  ],
  sideOutputs: (a) => (a.deepSupervision ? a.depth - 2 : 0),
  isEncoderLayer: encoderByPrefix,
  upgrade: (saved) => {
    // Specs saved before normalization became a choice carried a batch-norm flag.
    const { batchNorm, ...rest } = saved as Partial<UNetSpec> & { batchNorm?: boolean };
    const normalization: Normalization =
      rest.normalization ?? (batchNorm === true ? 'batch' : 'none');
    const activation: Activation = rest.activation ?? 'relu';
    return { ...(rest as UNetSpec), normalization, activation };
  },
});
