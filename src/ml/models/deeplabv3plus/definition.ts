/**
 * DeepLabv3+ (Chen et al. 2018), seed 002's 2-D network: an encoder of atrous depthwise-
 * separable convolutions (MobileNetV2 or aligned Xception) ending in atrous spatial
 * pyramid pooling, and a decoder that fuses the result with 1/4-resolution features.
 */
import { defineParts, encoderByPrefix } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import { DEEPLAB_PRESETS, MOBILENETV2_BLOCKS } from './presets';
import type { DeepLabV3PlusSpec } from './spec';

export type { DeepLabBackbone, DeepLabV3PlusSpec } from './spec';
export { DEEPLAB_PRESETS, MOBILENETV2_BLOCKS, type DeepLabPresetName } from './presets';

/** ASPP's atrous rates: 6, 12, 18 at output stride 16, doubled at 8 (Chen et al. 2018). */
export function asppRates(arch: Pick<DeepLabV3PlusSpec, 'outputStride'>): number[] {
  return [6, 12, 18].map((r) => (r * 16) / arch.outputStride);
}

/**
 * A width scaled by `multiplier`, rounded to a multiple of 8 and never more than 10 % below
 * the scaled value (MobileNet's rule, which the reference implementations share).
 */
export function scaledWidth(channels: number, multiplier: number): number {
  const scaled = channels * multiplier;
  const rounded = Math.max(8, Math.floor((scaled + 4) / 8) * 8);
  return rounded < 0.9 * scaled ? rounded + 8 : rounded;
}

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const deeplabv3plusParts = defineParts<'deeplabv3plus', DeepLabV3PlusSpec>({
  kind: 'deeplabv3plus',
  label: 'DeepLabv3+',
  description:
    'Chen et al. 2018: atrous separable convolutions, atrous spatial pyramid pooling and a light decoder.',
  geometry: 'slice',
  presets: DEEPLAB_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 256,
  // Every stage, ASPP branch and decoder step, one block per stage; without batch norm,
  // which more than doubles the kernels a training step runs (build.test.ts covers it).
  tiny: {
    ...DEEPLAB_PRESETS.studio.architecture,
    widthMultiplier: 0.25,
    mobileNetBlocks: [1, 1, 1, 1, 1, 1, 1],
    asppFilters: 16,
    lowLevelFilters: 8,
    dropout: 0,
    normalization: 'none',
  },
  inputMultiple: (a) => a.outputStride,
  fields: [
    {
      kind: 'select',
      key: 'backbone',
      label: 'Backbone',
      options: [
        { value: 'mobilenetv2', label: 'MobileNetV2 (light)' },
        { value: 'xception', label: 'Xception-65 (aligned)' },
      ],
    },
    {
      kind: 'select',
      key: 'outputStride',
      label: 'Output stride',
      options: [
        { value: 16, label: '16 (ASPP rates 6, 12, 18)' },
        { value: 8, label: '8 (ASPP rates 12, 24, 36)' },
      ],
    },
    {
      kind: 'number',
      key: 'widthMultiplier',
      label: 'Backbone width ×',
      min: 0.125,
      max: 2,
      step: 0.125,
    },
    {
      kind: 'int-list',
      key: 'mobileNetBlocks',
      label: `MobileNetV2 blocks per stage (${MOBILENETV2_BLOCKS.join(', ')})`,
      min: 1,
      max: 8,
      minLength: MOBILENETV2_BLOCKS.length,
      maxLength: MOBILENETV2_BLOCKS.length,
    },
    {
      kind: 'number',
      key: 'middleBlocks',
      label: 'Xception middle-flow blocks',
      min: 0,
      max: 32,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'asppFilters',
      label: 'ASPP / decoder channels',
      min: 1,
      max: 1024,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'lowLevelFilters',
      label: 'Low-level projection channels',
      min: 1,
      max: 256,
      step: 1,
      integer: true,
    },
    { kind: 'number', key: 'dropout', label: 'ASPP dropout', min: 0, max: 0.9, step: 0.05 },
    {
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
  ],
  sideOutputs: () => 0,
  // Backbone and ASPP form DeepLabv3+'s encoder (Chen et al., Fig. 2); freezing it leaves
  // the decoder to adapt.
  isEncoderLayer: encoderByPrefix,
  problem: (spec) => {
    const a = spec.architecture;
    if (!(a.widthMultiplier > 0)) return 'DeepLabv3+ needs a positive width multiplier.';
    if (
      a.mobileNetBlocks.length !== MOBILENETV2_BLOCKS.length ||
      !a.mobileNetBlocks.every((n) => Number.isInteger(n) && n >= 1)
    ) {
      return `MobileNetV2 needs ${MOBILENETV2_BLOCKS.length} stages of at least one block.`;
    }
    return null;
  },
});
