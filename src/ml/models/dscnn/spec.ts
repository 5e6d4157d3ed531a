/**
 * The deeply-supervised CNN's configuration as plain data: what the Train panel edits and
 * saved models carry.
 */
import type { Activation, Normalization } from '../architecture';

export interface DSCNNSpec {
  kind: 'dscnn';
  /** Channels of the first compression stage (64 in Zhu et al.); doubled per stage. */
  baseFilters: number;
  /** Cap on the channels of any stage (512 in Zhu et al., reached at the fourth stage). */
  maxFilters: number;
  /** After every convolution of the stages; the paper names none. */
  normalization: Normalization;
  activation: Activation;
}
