/**
 * Dilated ('atrous') depthwise convolution that can be trained in tfjs.
 *
 * DeepLabv3+ (Chen et al. 2018) builds its encoder and its ASPP from atrous depthwise
 * separable convolutions. tfjs 4.22 runs a dilated depthwise convolution forward but has no
 * gradient for it (dilation > 1 throws in backprop, as for conv2d), so this layer uses the
 * lowering TensorFlow itself applies: spaceToBatchND -> ordinary depthwise convolution ->
 * batchToSpaceND, whose three ops all have gradients (see dilated-conv.ts, which does the
 * same for full convolutions and shares its padding plan).
 */
import * as tf from '@tensorflow/tfjs';
import { spaceToBatchPlan } from './dilated-conv';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/**
 * 'same'-padded, stride-1 dilated depthwise convolution of NHWC `x` with a
 * [k, k, channels, multiplier] `kernel`, from differentiable ops only. Equals
 * `tf.depthwiseConv2d(x, kernel, 1, 'same', 'NHWC', rate)`.
 */
export function dilatedDepthwiseConv2d(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  rate: number,
): tf.Tensor4D {
  if (kernel.shape[0] !== kernel.shape[1]) {
    throw new Error('dilatedDepthwiseConv2d expects a square kernel');
  }
  if (rate === 1) return tf.depthwiseConv2d(x, kernel, 1, 'same');
  return tf.tidy(() => {
    const plan = spaceToBatchPlan(x.shape[1], x.shape[2], kernel.shape[0], rate);
    const batched = tf.spaceToBatchND(x, [rate, rate], plan.paddings);
    const conv = tf.depthwiseConv2d(batched, kernel, 1, 'valid');
    return tf.batchToSpaceND(conv, [rate, rate], plan.crops);
  });
}

/** Constructor arguments of {@link DilatedDepthwiseConv2D}. */
export interface DilatedDepthwiseConv2DArgs extends NonNullable<LayerArgs> {
  /** Square kernel edge (DeepLab uses 3). */
  kernelSize: number;
  dilationRate: number;
  /** Output maps per input channel; 1 by default, as in separable convolutions. */
  depthMultiplier?: number;
  /** Off by default: in DeepLab a batch norm follows. */
  useBias?: boolean;
}

/** Keras-style layer wrapping {@link dilatedDepthwiseConv2d}; serializable by its class name. */
export class DilatedDepthwiseConv2D extends tf.layers.Layer {
  static className = 'DilatedDepthwiseConv2D';
  readonly kernelSize: number;
  readonly dilationRate: number;
  readonly depthMultiplier: number;
  readonly useBias: boolean;
  /**
   * Public, with the kernel, so a run can redraw it from a seed (models/seeded-init.ts);
   * Glorot uniform like tfjs' own DepthwiseConv2D.
   */
  readonly kernelInitializer = tf.initializers.glorotUniform({});
  kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: DilatedDepthwiseConv2DArgs) {
    super(args);
    this.kernelSize = args.kernelSize;
    this.dilationRate = args.dilationRate;
    this.depthMultiplier = args.depthMultiplier ?? 1;
    this.useBias = args.useBias ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new Error('DilatedDepthwiseConv2D needs a known channel count');
    const k = this.kernelSize;
    // Named like tfjs' depthwise kernel, so weight decay treats both alike (train/optimizer.ts).
    this.kernel = this.addWeight(
      'depthwise_kernel',
      [k, k, channels, this.depthMultiplier],
      'float32',
      this.kernelInitializer,
    );
    if (this.useBias) {
      this.bias = this.addWeight(
        'bias',
        [channels * this.depthMultiplier],
        'float32',
        tf.initializers.zeros(),
      );
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[3];
    return [
      shape[0],
      shape[1],
      shape[2],
      channels == null ? null : channels * this.depthMultiplier,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      if (this.kernel == null) throw new Error('DilatedDepthwiseConv2D called before build');
      const y = dilatedDepthwiseConv2d(x, this.kernel.read() as tf.Tensor4D, this.dilationRate);
      return this.bias == null ? y : tf.add(y, this.bias.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      dilationRate: this.dilationRate,
      depthMultiplier: this.depthMultiplier,
      useBias: this.useBias,
    };
  }
}
tf.serialization.registerClass(DilatedDepthwiseConv2D);
