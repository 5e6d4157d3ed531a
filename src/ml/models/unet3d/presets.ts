/**
 * 3D U-Net configurations of the sources, so a study can be reproduced by name, and the
 * studio's CPU-sized default.
 */
import type { ArchPreset } from '../architecture';
import type { UNet3DSpec } from './spec';

/** The preset names, in the order the Train panel lists them. */
export type UNet3DPresetName = 'studio' | 'seed002' | 'cicek';

/**
 * - studio: seed 002's layout at half its width (8 -> 64 filters), biased convolutions,
 *   2x2x2 up-convolutions and no dropout (the moving average of the weights and
 *   augmentation regularize), for 64x64x16 patches on a CPU.
 * - seed002: seed 002's 3D U-Net. Blocks of BN, 3x3x3 convolution, ReLU, dropout 0.2,
 *   3x3x3 convolution, ReLU; three down blocks (16, 32, 64 filters) with 2x2x2
 *   max-pooling, a bottom block (128), three up blocks, each after a 3x3x3 transposed
 *   convolution to the skip's width; a 1x1x1 sigmoid output. The seed draws the network
 *   but gives no widths; these are the ones its parameter count identifies: with
 *   unbiased convolutions (Keras counts batch norm's four weights per channel) they give
 *   exactly its 1,605,381.
 * - cicek: Çiçek et al. 2016: 32, 64 | 64, 128 | 128, 256 | bottom 256, 512 filters, batch
 *   norm before each ReLU, 2x2x2 up-convolutions keeping their 512, 256, 128 channels,
 *   3 input channels, 3 classes, with 'same' padding at a 128x128x112 patch (the paper's
 *   132x132x116 tile with unpadded convolutions). The paper's 19,069,955 parameters are
 *   its convolutions alone (biased 3x3x3, unbiased up-convolutions, batch norm not
 *   counted): the same network without normalization has exactly that many (build.test.ts).
 */
export const UNET3D_PRESETS: Readonly<Record<UNet3DPresetName, ArchPreset<UNet3DSpec>>> = {
  studio: {
    label: 'Studio default: seed 002 layout, 8 → 64 filters',
    architecture: {
      kind: 'unet3d',
      depth: 4,
      baseFilters: 8,
      doubleSecondConv: false,
      normalization: 'batch',
      normPosition: 'block-input',
      activation: 'relu',
      dropout: 0,
      convBias: true,
      upKernel: 2,
      upFilters: 'skip',
    },
    inputSize: 64,
    patchDepth: 16,
    inChannels: 1,
    numClasses: 1,
  },
  seed002: {
    label: 'Seed 002 (Eschen): 16 → 128 filters, dropout 0.2, 256×256×16',
    architecture: {
      kind: 'unet3d',
      depth: 4,
      baseFilters: 16,
      doubleSecondConv: false,
      normalization: 'batch',
      normPosition: 'block-input',
      activation: 'relu',
      dropout: 0.2,
      convBias: false,
      upKernel: 3,
      upFilters: 'skip',
    },
    inputSize: 256,
    patchDepth: 16,
    inChannels: 1,
    numClasses: 1,
    reference: { total: 1_605_381, source: 'Eschen, seed 002, Table 1 (U-Net 3D)' },
  },
  cicek: {
    label: 'Çiçek et al. 2016: 32, 64 … 256, 512 filters, batch norm',
    architecture: {
      kind: 'unet3d',
      depth: 4,
      baseFilters: 32,
      doubleSecondConv: true,
      normalization: 'batch',
      normPosition: 'after-conv',
      activation: 'relu',
      dropout: 0,
      convBias: false,
      upKernel: 2,
      upFilters: 'keep',
    },
    inputSize: 128,
    patchDepth: 112,
    inChannels: 3,
    numClasses: 3,
  },
};
