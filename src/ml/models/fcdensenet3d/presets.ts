/**
 * 3-D FC-DenseNet configurations: seed 002's Tiramisus and the studio's CPU-sized one.
 *
 * The seed lists the layers of its 7 and 9 dense blocks in order along the U: down
 * blocks, bottleneck, up blocks (p3a = 7, 8, 9 | 12 | 15, 16, 17; p3b = 12 in each of 7;
 * p4a = 9, 10, 12, 15 | 17 | 20, 17, 15, 12), growth 16, a first convolution of 48,
 * 64x64x16 patches. Its parameter counts identify the rest of the network: Jégou et al.'s
 * transitions down (1x1x1 convolution, then max-pooling) and up (3x3x3 transposed
 * convolution of the new maps, with bias), unbiased convolutions, and no normalization
 * weights in the count: built that way, p3b and p4a have exactly its 23,487,169 and
 * 49,382,353 (build.test.ts); its p3a figure (22,692,289) matches no reading of its layer
 * list. The presets keep the batch norm the seed describes, so they carry no reference.
 */
import type { ArchPreset } from '../architecture';
import type { FCDenseNet3DSpec } from './spec';

type PresetName = 'studio' | 'p3a' | 'p3b' | 'p4a';

const SEED = {
  kind: 'fcdensenet3d',
  growthRate: 16,
  firstFilters: 48,
  dropout: 0.2,
  normalization: 'batch',
  activation: 'relu',
  transitionDown: 'conv-pool',
  convBias: false,
} as const;

const PATCH = { inputSize: 64, patchDepth: 16, inChannels: 1, numClasses: 1 } as const;

/**
 * - studio: p3's shape (three poolings) with 2 layers per block at growth 8, 16 first
 *   filters and no dropout: a 64x64x16 patch trains in about a second on a CPU core.
 */
export const FCDENSENET3D_PRESETS: Readonly<Record<PresetName, ArchPreset<FCDenseNet3DSpec>>> = {
  studio: {
    label: 'Studio default: 3 poolings, 2 layers per block, growth 8',
    architecture: {
      ...SEED,
      layersPerBlock: [2, 2, 2, 2, 2, 2, 2],
      growthRate: 8,
      firstFilters: 16,
      dropout: 0,
    },
    ...PATCH,
  },
  p3a: {
    label: 'Tiramisu 3D p3a (seed 002): 7, 8, 9 | 12 | 15, 16, 17 layers',
    architecture: { ...SEED, layersPerBlock: [7, 8, 9, 12, 15, 16, 17] },
    ...PATCH,
  },
  p3b: {
    label: 'Tiramisu 3D p3b (seed 002): 12 layers per block, 3 poolings',
    architecture: { ...SEED, layersPerBlock: [12, 12, 12, 12, 12, 12, 12] },
    ...PATCH,
  },
  p4a: {
    label: 'Tiramisu 3D p4a (seed 002): 9, 10, 12, 15 | 17 | 20, 17, 15, 12 layers',
    architecture: { ...SEED, layersPerBlock: [9, 10, 12, 15, 17, 20, 17, 15, 12] },
    ...PATCH,
  },
};
