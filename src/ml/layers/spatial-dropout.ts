/**
 * Channel-wise ("spatial") dropout for NHWC feature maps.
 *
 * tfjs ships only `spatialDropout1d`. ENet regularizes every bottleneck with spatial
 * dropout (whole feature maps dropped, since neighbouring pixels are strongly correlated),
 * and seed 003's U-Net variant uses it too, so the 2-D version lives here.
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** Constructor arguments of {@link SpatialDropout2D}. */
export interface SpatialDropout2DArgs extends NonNullable<LayerArgs> {
  /** Probability of dropping a channel, in [0, 1). */
  rate: number;
  seed?: number;
}

/**
 * Drops whole channels (same mask for every pixel of a sample) with probability `rate`
 * during training, scaling the kept ones by 1 / (1 - rate); identity at inference.
 */
export class SpatialDropout2D extends tf.layers.Layer {
  static className = 'SpatialDropout2D';
  readonly rate: number;
  readonly seed: number | undefined;

  constructor(args: SpatialDropout2DArgs) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`dropout rate ${args.rate}`);
    this.rate = args.rate;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const training = kwargs['training'] === true;
    if (!training || this.rate === 0) return tf.clone(x);
    return tf.tidy(() => {
      const [b, , , c] = x.shape;
      return tf.dropout(x, this.rate, [b, 1, 1, c], this.seed);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), rate: this.rate };
    if (this.seed != null) config['seed'] = this.seed;
    return config;
  }
}
tf.serialization.registerClass(SpatialDropout2D);
