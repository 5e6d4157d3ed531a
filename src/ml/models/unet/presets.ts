/**
 * U-Net configurations of the sources, so a study can be reproduced by name, and the
 * studio's CPU-sized default.
 */
import type { ArchPreset } from '../architecture';
import type { UNetSpec } from './spec';

/** The preset names, in the order the Train panel lists them. */
export type UNetPresetName = 'studio' | 'blog' | 'hipmri' | 'classic';

const BASE = {
  kind: 'unet',
  kernelSize: 3,
  normalization: 'none',
  dropout: 0,
  activation: 'relu',
  deepSupervision: false,
  upMode: 'transposed',
} as const satisfies Partial<UNetSpec>;

/**
 * - studio: sized for training on a CPU: 5 levels (four 2x poolings, so the deepest maps
 *   see the whole gland and its surroundings at 128 px), 16 -> 256 filters, batch norm, no
 *   dropout (the moving average of the weights and augmentation regularize).
 * - blog: the U-Net of the ENet-vs-U-Net prostate study: 5x5 'same' convolutions, 32 -> 256
 *   filters over 4 levels, no batch norm, parameter-free upsampling + concatenation, 512 px,
 *   2-class softmax: exactly the 5,403,874 parameters it reports.
 * - hipmri: the HipMRI report's 3-level U-Net (3x3 convolutions, 2x2 up-convolutions),
 *   256 px, 6 classes (background, body, bone, bladder, rectum, prostate).
 * - classic: Ronneberger et al.'s U-Net (4 pools, 64 -> 1024 filters, dropout 0.5 at the
 *   bottom) with 'same' padding.
 */
export const UNET_PRESETS: Readonly<Record<UNetPresetName, ArchPreset<UNetSpec>>> = {
  studio: {
    label: 'Studio default: 5 levels, 16 → 256 filters, batch norm',
    architecture: { ...BASE, depth: 5, baseFilters: 16, maxFilters: 256, normalization: 'batch' },
    inputSize: 256,
    inChannels: 1,
    numClasses: 1,
  },
  blog: {
    label: 'ENet-vs-U-Net prostate study: 4 levels, 5×5, 32 → 256 filters',
    architecture: {
      ...BASE,
      depth: 4,
      baseFilters: 32,
      maxFilters: 256,
      kernelSize: 5,
      upMode: 'upsample',
    },
    inputSize: 512,
    inChannels: 1,
    numClasses: 2,
    reference: { total: 5_403_874, source: 'ENet vs U-Net prostate study (blog), model table' },
  },
  hipmri: {
    label: 'HipMRI 2-D U-Net report: 3 levels, 64 → 256 filters',
    architecture: { ...BASE, depth: 3, baseFilters: 64, maxFilters: 256 },
    inputSize: 256,
    inChannels: 1,
    numClasses: 6,
  },
  classic: {
    label: 'Ronneberger et al. 2015: 5 levels, 64 → 1024 filters, dropout 0.5',
    architecture: { ...BASE, depth: 5, baseFilters: 64, maxFilters: 1024, dropout: 0.5 },
    inputSize: 512,
    inChannels: 1,
    numClasses: 2,
  },
};
