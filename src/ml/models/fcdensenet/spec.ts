/** FC-DenseNet's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

export interface FCDenseNetSpec {
  kind: 'fcdensenet';
  /**
   * Layers of each dense block along the U: the n blocks of the downsampling path, the
   * bottleneck, then the n blocks of the upsampling path (2n + 1 entries, n poolings);
   * e.g. FC-DenseNet103: 4, 5, 7, 10, 12, 15, 12, 10, 7, 5, 4.
   */
  layersPerBlock: readonly number[];
  /** Feature maps each dense layer adds (k: 12 or 16 in Jégou et al., 16 in seed 002). */
  growthRate: number;
  /** Filters of the first 3x3 convolution (48 in Jégou et al. and seed 002). */
  firstFilters: number;
  /** Dropout after every dense-layer and transition-down convolution (0.2 in the paper). */
  dropout: number;
  /** Before every convolution (pre-activation, as in DenseNet); batch norm in the paper. */
  normalization: Normalization;
  activation: Activation;
}
