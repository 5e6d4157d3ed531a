/**
 * The deeply-supervised CNN of Zhu et al. 2017 (seed 001): a U-Net-like network of five
 * compression and four expansion stages, each stage two 3x3 convolutions and a 1x1
 * convolution, with a supervised side output at every stage but the last (eight in all),
 * each an upsampling layer and a deconvolution that produce a full-resolution map.
 */
import { defineParts, encoderByPrefix, type ArchPreset } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import type { DSCNNSpec } from './spec';

export type { DSCNNSpec } from './spec';

/** Compression stages; the expansion path has one fewer. */
export const DSCNN_STAGES = 5;

/**
 * Side outputs, in the order the model returns them after the final output: the five
 * compression stages (1-5, finest first), then the first three expansion stages (coarsest
 * first), i.e. in the order the data flows through them. The fourth expansion stage feeds
 * the final output.
 */
export const DSCNN_SIDE_OUTPUTS = 2 * DSCNN_STAGES - 2;

/** Channels of compression stage s (0-based): base doubled per stage, capped. */
export function dscnnFilters(arch: Pick<DSCNNSpec, 'baseFilters' | 'maxFilters'>): number[] {
  return Array.from({ length: DSCNN_STAGES }, (_, s) =>
    Math.min(arch.baseFilters * 2 ** s, arch.maxFilters),
  );
}

/**
 * - studio: sized for a laptop CPU at 128 px: 16 -> 128 channels with batch norm, which
 *   lets the network train from scratch with Adam in a few hundred steps; 1,352,873
 *   trainable + 3,648 non-trainable parameters.
 * - paper: Zhu et al.'s widths (64 -> 512) at their 512x512 single-channel slices with one
 *   sigmoid map (their Dice loss is binary); the paper names no normalization. It reports
 *   no parameter count; build.test.ts derives this one by hand: 21,526,025.
 */
export const DSCNN_PRESETS: Readonly<Record<'studio' | 'paper', ArchPreset<DSCNNSpec>>> = {
  studio: {
    label: 'Studio default: 16 → 128 channels, batch norm',
    architecture: {
      kind: 'dscnn',
      baseFilters: 16,
      maxFilters: 128,
      normalization: 'batch',
      activation: 'relu',
    },
    inputSize: 128,
    inChannels: 1,
    numClasses: 1,
  },
  paper: {
    label: 'Zhu et al. 2017: 64 → 512 channels',
    architecture: {
      kind: 'dscnn',
      baseFilters: 64,
      maxFilters: 512,
      normalization: 'none',
      activation: 'relu',
    },
    inputSize: 512,
    inChannels: 1,
    numClasses: 1,
  },
};

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const dscnnParts = defineParts<'dscnn', DSCNNSpec>({
  kind: 'dscnn',
  label: 'DS-CNN',
  description:
    'Zhu et al. 2017: a U-Net-like network with 1x1 convolutions and eight deeply supervised side outputs.',
  geometry: 'slice',
  presets: DSCNN_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 128,
  // The paper's form (no normalization): a third fewer layers to run than with batch norm.
  tiny: { ...DSCNN_PRESETS.paper.architecture, baseFilters: 4, maxFilters: 16 },
  // Four 2x poolings: the fifth stage is the bottom and does not pool (see build.ts).
  inputMultiple: () => 2 ** (DSCNN_STAGES - 1),
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
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
  ],
  sideOutputs: () => DSCNN_SIDE_OUTPUTS,
  isEncoderLayer: encoderByPrefix,
});
