/**
 * ENet (Paszke et al. 2016) as the studio offers it: the paper's architecture, with its
 * spatial dropout rates and decoder nonlinearity as settings.
 */
import { defineParts, encoderByPrefix, type ArchPreset } from '../architecture';
import { ACTIVATION_OPTIONS } from '../field-options';
import { networkInputChannels } from '../input-spec';
import type { ENetSpec } from './spec';

export type { ENetSpec } from './spec';

const PAPER: ENetSpec = {
  kind: 'enet',
  dropoutStage1: 0.01,
  dropout: 0.1,
  decoderActivation: 'relu',
};

/**
 * - paper: ENet as in the paper and its authors' code (spatial dropout 0.01 / 0.1, ReLU
 *   decoder) at the ENet-vs-U-Net prostate study's setting: 512x512 single-channel slices,
 *   2-class softmax: exactly the 362,992 trainable + 8,352 non-trainable parameters it
 *   reports.
 */
export const ENET_PRESETS: Readonly<Record<'paper', ArchPreset<ENetSpec>>> = {
  paper: {
    label: 'Paszke et al. 2016 (as in the ENet-vs-U-Net prostate study)',
    architecture: PAPER,
    inputSize: 512,
    inChannels: 1,
    numClasses: 2,
    reference: {
      total: 362_992 + 8_352,
      source: 'ENet vs U-Net prostate study (blog): 362,992 trainable + 8,352 non-trainable',
    },
  },
};

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const enetParts = defineParts<'enet', ENetSpec>({
  kind: 'enet',
  label: 'ENet',
  description:
    'Paszke et al. 2016: early downsampling, dilated and asymmetric bottlenecks, max-unpooling.',
  geometry: 'slice',
  presets: ENET_PRESETS,
  defaultPreset: 'paper',
  // ENet divides the input by 8 early; 256 px keeps the gland several feature pixels wide.
  defaultInputSize: 256,
  // ENet's widths are fixed by the paper and it is small already; without dropout a tiny
  // run is repeatable.
  tiny: { ...PAPER, dropoutStage1: 0, dropout: 0 },
  inputMultiple: () => 8,
  fields: [
    {
      kind: 'number',
      key: 'dropoutStage1',
      label: 'Spatial dropout, stage 1',
      min: 0,
      max: 0.9,
      step: 0.01,
    },
    {
      kind: 'number',
      key: 'dropout',
      label: 'Spatial dropout, stages 2-3',
      min: 0,
      max: 0.9,
      step: 0.01,
    },
    {
      kind: 'select',
      key: 'decoderActivation',
      label: 'Decoder activation',
      options: ACTIVATION_OPTIONS,
    },
  ],
  sideOutputs: () => 0,
  isEncoderLayer: encoderByPrefix,
  // The initial block's convolution adds 16 - channels maps to the pooled input's channels.
  problem: (spec) => {
    const channels = networkInputChannels(spec);
    return channels < 16 ? null : `ENet takes at most 15 input channels, not ${channels}.`;
  },
});
