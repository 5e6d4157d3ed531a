/** The U-Net's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

/**
 * How the decoder doubles resolution: 'transposed' is the classic U-Net's learned 2x2
 * up-convolution (halving the channels); 'upsample' is parameter-free nearest-neighbour
 * upsampling, the variant whose size matches seed 000's 5,403,874 parameters.
 */
export type UpMode = 'transposed' | 'upsample';

export interface UNetSpec {
  kind: 'unet';
  /** Number of resolution levels (3, 4 or 5): depth - 1 max-pools. */
  depth: 3 | 4 | 5;
  /** Filters at the first level; doubled after each pool. */
  baseFilters: number;
  /** Cap on the number of filters at any level (seed 000 caps at 256). */
  maxFilters: number;
  kernelSize: 3 | 5;
  /** After every convolution (seed 004 compares batch norm against none). */
  normalization: Normalization;
  /** Dropout rate at the bottleneck (0 = none). */
  dropout: number;
  activation: Activation;
  /** Side outputs at each decoder level but the last (deep supervision, seed 001). */
  deepSupervision: boolean;
  /** Decoder upsampling; default 'transposed'. */
  upMode?: UpMode;
  /** Bottleneck dropout kind: 'standard' (default) or 'spatial' (whole channels, seed 003). */
  dropoutKind?: 'standard' | 'spatial';
}
