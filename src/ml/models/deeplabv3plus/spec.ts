/** DeepLabv3+'s configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation, Normalization } from '../architecture';

/**
 * The encoder's backbone: a MobileNetV2 (Sandler et al. 2018), light enough for a CPU, or
 * the aligned Xception of DeepLabv3+ (entry, middle and exit flows), seed 002's choice.
 */
export type DeepLabBackbone = 'mobilenetv2' | 'xception';

export interface DeepLabV3PlusSpec {
  kind: 'deeplabv3plus';
  backbone: DeepLabBackbone;
  /**
   * Input size over the encoder's output size. 16: ASPP rates 6, 12, 18; 8: the last
   * stride becomes atrous too, rates 12, 24, 36 (seed 002).
   */
  outputStride: 8 | 16;
  /** Scales every backbone width (MobileNet's alpha); 1 is the published network. */
  widthMultiplier: number;
  /** MobileNetV2's inverted-residual blocks per stage (7 stages; 1, 2, 3, 4, 3, 3, 1). */
  mobileNetBlocks: readonly number[];
  /** Xception's middle-flow blocks (16 in DeepLabv3+'s Xception-65). */
  middleBlocks: number;
  /** Channels of the ASPP branches, its projection and the decoder (256 in the paper). */
  asppFilters: number;
  /** Channels the 1/4-resolution features are projected to before fusion (48). */
  lowLevelFilters: number;
  /** Dropout after the ASPP projection (0.1 in the reference implementation). */
  dropout: number;
  /** After every convolution; batch norm in the paper. */
  normalization: Normalization;
  activation: Activation;
}
