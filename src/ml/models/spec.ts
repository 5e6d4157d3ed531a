/**
 * Model specifications: plain data the UI edits, the worker turns into a network,
 * and saved models carry with their weights.
 */
import type { SliceFit } from '../data/slice-fit';

export type Activation = 'relu' | 'prelu';

/**
 * How the U-Net decoder doubles resolution: 'transposed' is the classic U-Net's learned 2x2
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
  batchNorm: boolean;
  /** Dropout rate at the bottleneck (0 = none). */
  dropout: number;
  activation: Activation;
  /** Deeply-supervised variant (seed 001): side outputs at each decoder level. */
  deepSupervision: boolean;
  /** Decoder upsampling; default 'transposed'. */
  upMode?: UpMode;
  /** Bottleneck dropout kind: 'standard' (default) or 'spatial' (whole channels, seed 003). */
  dropoutKind?: 'standard' | 'spatial';
}

export interface ENetSpec {
  kind: 'enet';
  /** Spatial dropout rate of stage 1 (the paper uses 0.01). */
  dropoutStage1: number;
  /** Spatial dropout rate of stages 2 and 3 (the paper uses 0.1); the decoder has none. */
  dropout: number;
  /**
   * Nonlinearity of the decoder bottlenecks (stages 4-5). Default 'relu', as in the ENet
   * authors' reference code; the encoder always uses PReLU.
   */
  decoderActivation?: Activation;
}

export type ArchitectureSpec = UNetSpec | ENetSpec;

export interface ModelSpec {
  architecture: ArchitectureSpec;
  /** Square input edge in pixels (multiple of 2^(levels)); slices are fitted to it. */
  inputSize: number;
  /**
   * How slices meet the input: resized (the whole field of view; the default, and what
   * models saved without this field used) or centre-cropped at the scan's resolution.
   */
  sliceFit?: SliceFit;
  /** Input channels (MRI sequences). */
  inChannels: number;
  /**
   * Output classes: 1 means a single sigmoid foreground map; >= 2 means softmax over
   * classes (background included).
   */
  numClasses: number;
}
