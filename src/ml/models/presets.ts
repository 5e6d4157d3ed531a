/**
 * Named model configurations taken from the source documents, so a study can be
 * reproduced by name. Each is a full ModelSpec with the document's input setup; spread it
 * and override inputSize / inChannels / numClasses for other data.
 */
import type { ENetSpec, ModelSpec, UNetSpec } from './spec';

/** A ModelSpec whose architecture is known to be a U-Net. */
export type UNetModelSpec = ModelSpec & { architecture: UNetSpec };
/** A ModelSpec whose architecture is known to be an ENet. */
export type ENetModelSpec = ModelSpec & { architecture: ENetSpec };

export type UNetPresetName = 'seed000' | 'seed003' | 'classic' | 'studioDefault';

/**
 * - seed000: the blog's U-Net. 5x5 'same' convs, 32 -> 256 filters over 4 levels (three
 *   pools: 512 -> 64, where it reaches 256 maps), no batch norm, parameter-free upsampling +
 *   concatenation, 1 input channel, 2-class softmax: exactly 5,403,874 parameters.
 * - seed003: the HipMRI report's 3-level U-Net (3x3 convs, 2x2 up-convolutions), 256x256,
 *   6 classes (background, body, bone, bladder, rectum, prostate).
 * - classic: Ronneberger et al.'s U-Net (4 pools, 64 -> 1024 filters, dropout 0.5 at the
 *   bottom) with 'same' padding.
 * - studioDefault: sized for training on a CPU: 5 levels (four 2x poolings, so the deepest
 *   maps see the whole gland and its surroundings at 128 px), 16 -> 256 filters, batch norm,
 *   no dropout (the moving average of the weights and augmentation regularize).
 */
export const UNET_PRESETS: Readonly<Record<UNetPresetName, UNetModelSpec>> = {
  seed000: {
    architecture: {
      kind: 'unet',
      depth: 4,
      baseFilters: 32,
      maxFilters: 256,
      kernelSize: 5,
      batchNorm: false,
      dropout: 0,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'upsample',
    },
    inputSize: 512,
    inChannels: 1,
    numClasses: 2,
  },
  seed003: {
    architecture: {
      kind: 'unet',
      depth: 3,
      baseFilters: 64,
      maxFilters: 256,
      kernelSize: 3,
      batchNorm: false,
      dropout: 0,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'transposed',
    },
    inputSize: 256,
    inChannels: 1,
    numClasses: 6,
  },
  classic: {
    architecture: {
      kind: 'unet',
      depth: 5,
      baseFilters: 64,
      maxFilters: 1024,
      kernelSize: 3,
      batchNorm: false,
      dropout: 0.5,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'transposed',
    },
    inputSize: 512,
    inChannels: 1,
    numClasses: 2,
  },
  studioDefault: {
    architecture: {
      kind: 'unet',
      depth: 5,
      baseFilters: 16,
      maxFilters: 256,
      kernelSize: 3,
      batchNorm: true,
      dropout: 0,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'transposed',
    },
    inputSize: 256,
    inChannels: 1,
    numClasses: 1,
  },
};

/**
 * ENet as in the paper and its authors' code (spatial dropout 0.01 / 0.1, ReLU decoder) at
 * seed 000's setting: 512x512 single-channel slices, 2-class softmax. Exactly 362,992
 * trainable + 8,352 non-trainable parameters, as the blog reports.
 */
export const ENET_SEED000: ENetModelSpec = {
  architecture: { kind: 'enet', dropoutStage1: 0.01, dropout: 0.1, decoderActivation: 'relu' },
  inputSize: 512,
  inChannels: 1,
  numClasses: 2,
};

/**
 * The smallest useful U-Net: 3 levels, 4 base filters, batch norm, no dropout (so that a
 * run is deterministic given its weights). Tests train it, and the start-up backend
 * check compares its training losses across backends.
 */
export function tinyUNetSpec(inputSize = 32, numClasses = 1): UNetModelSpec {
  return {
    architecture: {
      kind: 'unet',
      depth: 3,
      baseFilters: 4,
      maxFilters: 16,
      kernelSize: 3,
      batchNorm: true,
      dropout: 0,
      activation: 'relu',
      deepSupervision: false,
      upMode: 'transposed',
    },
    inputSize,
    inChannels: 1,
    numClasses,
  };
}
