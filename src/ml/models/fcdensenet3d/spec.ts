/** The 3-D FC-DenseNet's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

export interface FCDenseNet3DSpec {
  kind: 'fcdensenet3d';
  /**
   * Layers of each dense block along the U: the n blocks of the downsampling path, the
   * bottleneck, then the n blocks of the upsampling path (2n + 1 entries, n poolings);
   * seed 002's p3a: 7, 8, 9, 12, 15, 16, 17.
   */
  layersPerBlock: readonly number[];
  /** Feature maps each dense layer adds (seed 002: 16). */
  growthRate: number;
  /** Filters of the first 3x3x3 convolution (seed 002: 48). */
  firstFilters: number;
  /** Dropout after every dense-layer and transition-down convolution (Jégou et al.: 0.2). */
  dropout: number;
  /** Before every convolution (pre-activation, as in DenseNet). */
  normalization: Normalization;
  activation: Activation;
  /**
   * Transition down: normalization, activation, 1x1x1 convolution, dropout and 2x2x2
   * max-pooling ('conv-pool', Jégou et al.; seed 002's parameter counts include the
   * convolution), or the max-pooling alone ('pool').
   */
  transitionDown: 'conv-pool' | 'pool';
  /** Whether the first, dense-layer and transition convolutions have a bias. */
  convBias: boolean;
}
