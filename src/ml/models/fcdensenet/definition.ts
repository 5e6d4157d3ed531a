/**
 * FC-DenseNet, "the one hundred layers Tiramisu" (Jégou et al. 2017), the network seed 002
 * reaches its best prostate result with: dense blocks whose layers (BN, ReLU, 3x3
 * convolution, dropout) each add k maps to everything before them, transitions down
 * (BN, ReLU, 1x1 convolution, dropout, max-pool) and up (3x3 transposed convolution of the
 * new maps only), and long skip connections by concatenation.
 */
import { defineParts, encoderByPrefix, type ArchPreset } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import type { FCDenseNetSpec } from './spec';

export type { FCDenseNetSpec } from './spec';

/** Poolings of a configuration: the blocks on either side of the bottleneck. */
export function poolingsOf(arch: Pick<FCDenseNetSpec, 'layersPerBlock'>): number {
  // Rounded down so that an even-length list (refused by `problem`) still has a stride.
  return Math.floor((arch.layersPerBlock.length - 1) / 2);
}

type PresetName = 'studio' | 'fcd56' | 'fcd67' | 'fcd103' | 'p3a' | 'p4a';

const PAPER = {
  kind: 'fcdensenet',
  firstFilters: 48,
  dropout: 0.2,
  normalization: 'batch',
  activation: 'relu',
} as const;

const repeat = (layers: number, blocks: number): number[] =>
  Array.from({ length: blocks }, () => layers);

/** Jégou et al.'s CamVid setting: RGB input, 11 classes, 224x224 crops. */
const CAMVID = { inputSize: 224, inChannels: 3, numClasses: 11 } as const;

/**
 * - studio: FC-DenseNet56's shape (five poolings, 4 layers per block) at growth 8 and 24
 *   first filters, for a laptop CPU at 128 px: 579,729 trainable + 13,328 non-trainable.
 * - fcd56, fcd67, fcd103: Jégou et al.'s Table 2 networks on CamVid. The paper rounds
 *   their sizes (1.5 M, 3.5 M, 9.4 M), so they carry no reference; built exactly, they
 *   have 1,397,963, 3,502,923 and 9,425,163 parameters (batch-norm statistics included,
 *   as Lasagne counts them). 67 and 103 round to the paper's figures; 56 rounds to 1.4 M,
 *   not 1.5 M, as others re-implementing it have found.
 * - p3a, p4a: seed 002's best Tiramisus (3 and 4 poolings; growth 16, first convolution
 *   48, one sigmoid output), made 2-D at its 64 px patch edge. The seed lists the layers of
 *   its 7 and 9 dense blocks in order along the U: down blocks, bottleneck, up blocks, so
 *   p3a = 7, 8, 9 | 12 | 15, 16, 17 and p4a = 9, 10, 12, 15 | 17 | 20, 17, 15, 12. Its
 *   parameter counts are of 3-D networks and do not apply to these.
 */
export const FCDENSENET_PRESETS: Readonly<Record<PresetName, ArchPreset<FCDenseNetSpec>>> = {
  studio: {
    label: 'Studio default: FC-DenseNet56 shape, growth 8',
    architecture: { ...PAPER, layersPerBlock: repeat(4, 11), growthRate: 8, firstFilters: 24 },
    inputSize: 128,
    inChannels: 1,
    numClasses: 1,
  },
  fcd56: {
    label: 'FC-DenseNet56 (Jégou et al. 2017): 4 layers per block, growth 12',
    architecture: { ...PAPER, layersPerBlock: repeat(4, 11), growthRate: 12 },
    ...CAMVID,
  },
  fcd67: {
    label: 'FC-DenseNet67 (Jégou et al. 2017): 5 layers per block, growth 16',
    architecture: { ...PAPER, layersPerBlock: repeat(5, 11), growthRate: 16 },
    ...CAMVID,
  },
  fcd103: {
    label: 'FC-DenseNet103 (Jégou et al. 2017): 4 … 15 … 4 layers, growth 16',
    architecture: {
      ...PAPER,
      layersPerBlock: [4, 5, 7, 10, 12, 15, 12, 10, 7, 5, 4],
      growthRate: 16,
    },
    ...CAMVID,
  },
  p3a: {
    label: 'Tiramisu p3a (Eschen, PROMISE12), 2-D: 3 poolings, 7 … 17 layers, growth 16',
    architecture: { ...PAPER, layersPerBlock: [7, 8, 9, 12, 15, 16, 17], growthRate: 16 },
    inputSize: 64,
    inChannels: 1,
    numClasses: 1,
  },
  p4a: {
    label: 'Tiramisu p4a (Eschen, PROMISE12), 2-D: 4 poolings, 9 … 20 … 12 layers, growth 16',
    architecture: {
      ...PAPER,
      layersPerBlock: [9, 10, 12, 15, 17, 20, 17, 15, 12],
      growthRate: 16,
    },
    inputSize: 64,
    inChannels: 1,
    numClasses: 1,
  },
};

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const fcdensenetParts = defineParts<'fcdensenet', FCDenseNetSpec>({
  kind: 'fcdensenet',
  label: 'FC-DenseNet',
  description:
    'Jégou et al. 2017 (the Tiramisu): dense blocks in a U, concatenated skip connections, few parameters.',
  geometry: 'slice',
  presets: FCDENSENET_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 128,
  tiny: {
    ...PAPER,
    layersPerBlock: [2, 2, 2, 2, 2],
    growthRate: 4,
    firstFilters: 8,
    dropout: 0,
  },
  inputMultiple: (a) => 2 ** poolingsOf(a),
  fields: [
    {
      kind: 'int-list',
      key: 'layersPerBlock',
      label: 'Layers per dense block (down…, bottleneck, up…)',
      min: 1,
      max: 32,
      minLength: 3,
      maxLength: 15,
    },
    {
      kind: 'number',
      key: 'growthRate',
      label: 'Growth rate k',
      min: 1,
      max: 64,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'firstFilters',
      label: 'First convolution filters',
      min: 1,
      max: 256,
      step: 1,
      integer: true,
    },
    { kind: 'number', key: 'dropout', label: 'Dropout', min: 0, max: 0.9, step: 0.05 },
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
  problem: (spec) => {
    const blocks = spec.architecture.layersPerBlock;
    if (blocks.length < 3 || blocks.length % 2 === 0) {
      return `FC-DenseNet needs an odd number of dense blocks (down, bottleneck, up), not ${blocks.length}.`;
    }
    if (!blocks.every((n) => Number.isInteger(n) && n >= 1)) {
      return 'Every dense block needs at least one layer.';
    }
    return null;
  },
});
