/**
 * FCN-8s (Long et al. 2015), the fully convolutional baseline of Zhu et al. 2017 (seed 001):
 * a VGG16 encoder whose classifier becomes convolutions (fc6, fc7), class scores at 1/32,
 * 1/16 and 1/8 of the input fused by addition after learned 2x, 2x and 8x upsamplings.
 */
import { defineParts, encoderByPrefix, type ArchPreset } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import type { FCNSpec } from './spec';

export type { FCNSpec } from './spec';

/** Convolutions of the five VGG16 blocks, each block ending in a 2x2 max-pool. */
export const VGG16_BLOCKS = [2, 2, 3, 3, 3] as const;

/** Channels of each VGG block: base doubled per block, capped. */
export function fcnFilters(arch: Pick<FCNSpec, 'baseFilters' | 'maxFilters'>): number[] {
  return VGG16_BLOCKS.map((_, b) => Math.min(arch.baseFilters * 2 ** b, arch.maxFilters));
}

/**
 * - studio: a quarter of VGG16's widths (16 -> 128, fc 256, fc6 still 7x7) with batch norm
 *   so that it trains from scratch (FCN starts from ImageNet weights, which the studio does
 *   not have); 1 -> 1 channel: 2,594,483 trainable + 3,136 non-trainable parameters.
 * - paper: FCN-8s exactly as Long et al. release it for PASCAL VOC: VGG16 widths, fc6
 *   7x7x4096, fc7 1x1x4096, 21 classes, RGB input, no normalization; 'same' padding
 *   instead of the 100-pixel input padding and crops (which add no weights). 134,489,759
 *   parameters, the "134M" of Long et al.'s Table 1 (VGG16's 138,357,544 minus its last
 *   classifier layer, plus the score and upsampling layers).
 */
export const FCN_PRESETS: Readonly<Record<'studio' | 'paper', ArchPreset<FCNSpec>>> = {
  studio: {
    label: 'Studio default: 16 → 128 channels, fc 256, batch norm',
    architecture: {
      kind: 'fcn',
      baseFilters: 16,
      maxFilters: 128,
      fcFilters: 256,
      fc6Kernel: 7,
      dropout: 0.5,
      normalization: 'batch',
      activation: 'relu',
    },
    inputSize: 128,
    inChannels: 1,
    numClasses: 1,
  },
  paper: {
    label: 'Long et al. 2015: FCN-8s on VGG16 (PASCAL VOC, 21 classes)',
    architecture: {
      kind: 'fcn',
      baseFilters: 64,
      maxFilters: 512,
      fcFilters: 4096,
      fc6Kernel: 7,
      dropout: 0.5,
      normalization: 'none',
      activation: 'relu',
    },
    inputSize: 512,
    inChannels: 3,
    numClasses: 21,
    reference: {
      total: 134_489_759,
      source: 'Long et al. 2015, Table 1 ("134M" for FCN-VGG16), counted layer by layer',
    },
  },
};

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const fcnParts = defineParts<'fcn', FCNSpec>({
  kind: 'fcn',
  label: 'FCN-8s',
  description:
    'Long et al. 2015: VGG16 made fully convolutional, scores from three depths fused by learned upsampling.',
  geometry: 'slice',
  presets: FCN_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 128,
  tiny: {
    ...FCN_PRESETS.studio.architecture,
    baseFilters: 4,
    maxFilters: 16,
    fcFilters: 16,
    fc6Kernel: 3,
    dropout: 0,
    normalization: 'none',
  },
  // Five 2x poolings.
  inputMultiple: () => 2 ** VGG16_BLOCKS.length,
  fields: [
    {
      kind: 'number',
      key: 'baseFilters',
      label: 'Base channels',
      min: 1,
      max: 512,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'maxFilters',
      label: 'Channel cap',
      min: 1,
      max: 2048,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'fcFilters',
      label: 'fc6 / fc7 channels',
      min: 1,
      max: 8192,
      step: 1,
      integer: true,
    },
    {
      kind: 'select',
      key: 'fc6Kernel',
      label: 'fc6 kernel',
      options: [
        { value: 7, label: '7×7 (VGG16)' },
        { value: 3, label: '3×3' },
        { value: 1, label: '1×1' },
      ],
    },
    { kind: 'number', key: 'dropout', label: 'fc6 / fc7 dropout', min: 0, max: 0.9, step: 0.05 },
    {
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
  ],
  sideOutputs: () => 0,
  isEncoderLayer: encoderByPrefix,
});
