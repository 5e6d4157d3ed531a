/** ENet's configuration as plain data: what the Train panel edits and saved models carry. */
import type { Activation } from '../architecture';

export interface ENetSpec {
  kind: 'enet';
  /** Spatial dropout rate of stage 1 (the paper uses 0.01). */
  dropoutStage1: number;
  /** Spatial dropout rate of stages 2 and 3 (the paper uses 0.1); the decoder has none. */
  dropout: number;
  /**
   * Nonlinearity of the decoder bottlenecks (stages 4-5). Default 'relu', as in the ENet
   * authors' reference code; the encoder always uses PReLU, as the paper does.
   */
  decoderActivation?: Activation;
}
