/**
 * Instance normalization: each sample's channels are normalized over their own spatial
 * extent, then scaled and shifted per channel. tfjs has no such layer; nnU-Net uses it
 * instead of batch norm because it does not depend on the batch (batches of 2 are usual in
 * 3-D), and seed 004 compares normalization layers. Built from differentiable ops, so its
 * gradient is autodiff's (a finite-difference test checks it).
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/** Constructor arguments of {@link InstanceNormalization}. */
export interface InstanceNormalizationArgs extends NonNullable<LayerArgs> {
  /** Added to the variance; default 1e-5 (PyTorch's). */
  epsilon?: number;
}

/** y = gamma * (x - mean) / sqrt(var + eps) + beta, statistics per sample and channel. */
export class InstanceNormalization extends tf.layers.Layer {
  static className = 'InstanceNormalization';
  readonly epsilon: number;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: InstanceNormalizationArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new Error('InstanceNormalization needs a known channel count');
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      // Every axis but the batch (first) and the channels (last).
      const axes = Array.from({ length: x.rank - 2 }, (_, i) => i + 1);
      const { mean, variance } = tf.moments(x, axes, true);
      const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      const gamma = (this.gamma as tf.LayerVariable).read();
      const beta = (this.beta as tf.LayerVariable).read();
      return tf.add(tf.mul(normalized, gamma), beta);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(InstanceNormalization);
