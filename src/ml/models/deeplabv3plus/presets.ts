/**
 * DeepLabv3+ configurations: the studio's CPU-sized MobileNetV2 default, MobileNetV2 at
 * full width, and the Xception-65 network of the paper in the two settings whose sizes can
 * be checked.
 */
import type { ArchPreset } from '../architecture';
import type { DeepLabV3PlusSpec } from './spec';

export type DeepLabPresetName = 'studio' | 'mobilenetv2' | 'xception' | 'seed002';

/** MobileNetV2's blocks per stage (Sandler et al. 2018, Table 2). */
export const MOBILENETV2_BLOCKS = [1, 2, 3, 4, 3, 3, 1] as const;

const PAPER: DeepLabV3PlusSpec = {
  kind: 'deeplabv3plus',
  backbone: 'xception',
  outputStride: 16,
  widthMultiplier: 1,
  mobileNetBlocks: MOBILENETV2_BLOCKS,
  middleBlocks: 16,
  asppFilters: 256,
  lowLevelFilters: 48,
  dropout: 0.1,
  normalization: 'batch',
  activation: 'relu',
};

/**
 * - studio: MobileNetV2 at half width, ASPP and decoder of 128 channels, output stride 16,
 *   for a laptop CPU at 256 px (a 16x16 encoder map, where rates 6-18 still mean
 *   something): 1 -> 1 channel, 712,417 trainable + 19,632 non-trainable parameters.
 * - mobilenetv2: the same with MobileNetV2 at full width and the paper's 256-channel head.
 * - xception: DeepLabv3+ with the aligned Xception-65 as the Keras implementation seed 002
 *   used builds it (github.com/bonlime/keras-deeplab-v3-plus), for PASCAL VOC (RGB, 21
 *   classes, 512 px): 41,258,213 parameters, the total its published model summary prints.
 * - seed002: seed 002's setting: 13 neighbouring slices as channels, 256 px, output stride
 *   8 (ASPP rates 12, 24, 36), one sigmoid map. This network has 41,255,953 parameters;
 *   the seed reports 41,253,023, 2,930 fewer, which no configuration of the implementation
 *   it names reproduces (2 classes give 41,256,210; 3 channels and 1 class 41,253,073,
 *   50 more than the seed), so this preset carries no reference.
 */
export const DEEPLAB_PRESETS: Readonly<Record<DeepLabPresetName, ArchPreset<DeepLabV3PlusSpec>>> = {
  studio: {
    label: 'Studio default: MobileNetV2 ×0.5, 128-channel head, output stride 16',
    architecture: {
      ...PAPER,
      backbone: 'mobilenetv2',
      widthMultiplier: 0.5,
      asppFilters: 128,
      lowLevelFilters: 32,
    },
    inputSize: 256,
    inChannels: 1,
    numClasses: 1,
  },
  mobilenetv2: {
    label: 'MobileNetV2 backbone (Chen et al. 2018), output stride 16',
    architecture: { ...PAPER, backbone: 'mobilenetv2' },
    inputSize: 512,
    inChannels: 1,
    numClasses: 1,
  },
  xception: {
    label: 'Xception-65 (Chen et al. 2018), PASCAL VOC: 21 classes',
    architecture: PAPER,
    inputSize: 512,
    inChannels: 3,
    numClasses: 21,
    reference: {
      total: 41_258_213,
      source:
        'the Keras DeepLabv3+ implementation the PROMISE12 study (Eschen) used: its model summary, Xception, 21 classes',
    },
  },
  seed002: {
    label: 'Eschen (PROMISE12): Xception-65, 13 stacked slices, output stride 8',
    architecture: { ...PAPER, outputStride: 8 },
    inputSize: 256,
    inChannels: 1,
    contextSlices: 13,
    numClasses: 1,
  },
};
