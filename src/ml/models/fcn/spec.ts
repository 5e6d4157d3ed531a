/** FCN-8s's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

export interface FCNSpec {
  kind: 'fcn';
  /** Channels of the first VGG block (64 in VGG16); doubled per block. */
  baseFilters: number;
  /** Cap on a block's channels (512 in VGG16, reached at the fourth block). */
  maxFilters: number;
  /** Channels of fc6 and fc7, the classifier turned convolutional (4096 in VGG16). */
  fcFilters: number;
  /** fc6's kernel edge: 7 in VGG16 (its 7x7x512 input), smaller to save weights. */
  fc6Kernel: 1 | 3 | 7;
  /** Dropout after fc6 and after fc7 (0.5 in VGG16 and FCN). */
  dropout: number;
  /** After every encoder convolution; VGG16 and FCN have none. */
  normalization: Normalization;
  activation: Activation;
}
