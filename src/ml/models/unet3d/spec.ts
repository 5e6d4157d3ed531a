/** The 3D U-Net's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

export interface UNet3DSpec {
  kind: 'unet3d';
  /**
   * Resolution levels, the bottom one included: depth - 1 poolings of 2x2x2 (seed 002 and
   * Çiçek et al.: 4, that is three down blocks, a bottom block and three up blocks).
   */
  depth: 3 | 4 | 5;
  /** Filters of the first convolution; doubled per level. */
  baseFilters: number;
  /** Çiçek et al.: a level's second convolution has twice the first's filters (32, 64 | 64, 128 …). */
  doubleSecondConv: boolean;
  normalization: Normalization;
  /**
   * Where a block normalizes: 'block-input', once at its start (seed 002: BN, conv, ReLU,
   * dropout, conv, ReLU), or 'after-conv', after each convolution (Çiçek et al.).
   */
  normPosition: 'block-input' | 'after-conv';
  activation: Activation;
  /** Dropout between a block's two convolutions (seed 002: 0.2). */
  dropout: number;
  /** Whether the 3x3x3 convolutions have a bias (seed 002's count says not). */
  convBias: boolean;
  /** Edge of the (unbiased) transposed convolutions of the up-path: 3 (seed 002) or 2 (Çiçek). */
  upKernel: 2 | 3;
  /**
   * Channels of the up-sampled maps: as many as the skip connection they join ('skip',
   * seed 002) or as many as they come with ('keep', Çiçek et al.).
   */
  upFilters: 'skip' | 'keep';
}
