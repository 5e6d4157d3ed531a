/**
 * Zero-padding along the channel axis.
 *
 * ENet's downsampling bottleneck adds its convolutional branch to a max-pooled shortcut that
 * has fewer channels; the shortcut is zero-padded to match (tfjs' zeroPadding2d pads only
 * the spatial axes).
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** Constructor arguments of {@link ChannelPad}. */
export interface ChannelPadArgs extends NonNullable<LayerArgs> {
  /** Number of zero channels appended after the existing ones. */
  extra: number;
}

/** Appends `extra` all-zero channels to an NHWC tensor. */
export class ChannelPad extends tf.layers.Layer {
  static className = 'ChannelPad';
  readonly extra: number;

  constructor(args: ChannelPadArgs) {
    super(args);
    if (!Number.isInteger(args.extra) || args.extra < 0) throw new Error(`extra ${args.extra}`);
    this.extra = args.extra;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = shape[3];
    return [shape[0], shape[1], shape[2], c == null ? null : c + this.extra];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.pad(x, [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, this.extra],
    ]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), extra: this.extra };
  }
}
tf.serialization.registerClass(ChannelPad);
