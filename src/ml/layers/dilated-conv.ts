/**
 * Dilated ('atrous') 2-D convolution that can be trained in tfjs.
 *
 * tfjs 4.22 computes dilated convolutions forward but throws in the gradient ("dilation
 * rates greater than 1 are not yet supported in gradients"). TensorFlow itself lowers a
 * dilated convolution to spaceToBatchND -> ordinary convolution -> batchToSpaceND, and all
 * three of those have gradients in tfjs, so this module does the same. ENet's dilated
 * bottlenecks (rates 2, 4, 8, 16) are built on it.
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** Paddings and crops that make a 'same' dilated convolution exact via space-to-batch. */
export interface SpaceToBatchPlan {
  /** [[top, bottom], [left, right]] paddings for spaceToBatchND. */
  paddings: [[number, number], [number, number]];
  /** [[top, bottom], [left, right]] crops for batchToSpaceND. */
  crops: [[number, number], [number, number]];
}

function planAxis(
  size: number,
  kernel: number,
  rate: number,
): [[number, number], [number, number]] {
  const effective = (kernel - 1) * rate + 1;
  const total = effective - 1;
  const before = Math.floor(total / 2);
  const after = total - before;
  // spaceToBatchND needs the padded extent divisible by the rate: pad the tail further and
  // crop the same amount after batchToSpaceND (TensorFlow's required_space_to_batch_paddings).
  const extra = (rate - ((size + total) % rate)) % rate;
  return [
    [before, after + extra],
    [0, extra],
  ];
}

/**
 * Computes the space-to-batch paddings and batch-to-space crops for a 'same' convolution of
 * an `height x width` map with a square `kernel` dilated by `rate`.
 */
export function spaceToBatchPlan(
  height: number,
  width: number,
  kernel: number,
  rate: number,
): SpaceToBatchPlan {
  const [padH, cropH] = planAxis(height, kernel, rate);
  const [padW, cropW] = planAxis(width, kernel, rate);
  return { paddings: [padH, padW], crops: [cropH, cropW] };
}

/**
 * 'same'-padded, stride-1 dilated convolution of NHWC `x` with an HWIO `kernel`, expressed
 * with differentiable ops only. Equals `tf.conv2d(x, kernel, 1, 'same', 'NHWC', rate)`.
 */
export function dilatedConv2d(x: tf.Tensor4D, kernel: tf.Tensor4D, rate: number): tf.Tensor4D {
  if (kernel.shape[0] !== kernel.shape[1]) throw new Error('dilatedConv2d expects a square kernel');
  if (rate === 1) return tf.conv2d(x, kernel, 1, 'same');
  return tf.tidy(() => {
    const plan = spaceToBatchPlan(x.shape[1], x.shape[2], kernel.shape[0], rate);
    const batched = tf.spaceToBatchND(x, [rate, rate], plan.paddings);
    const conv = tf.conv2d(batched, kernel, 1, 'valid');
    return tf.batchToSpaceND(conv, [rate, rate], plan.crops);
  });
}

/** Constructor arguments of {@link DilatedConv2D}. */
export interface DilatedConv2DArgs extends NonNullable<LayerArgs> {
  filters: number;
  /** Square kernel edge (ENet uses 3). */
  kernelSize: number;
  dilationRate: number;
  /** Off by default: in ENet a batch norm follows, which makes a bias redundant. */
  useBias?: boolean;
}

/** Keras-style layer wrapping {@link dilatedConv2d}; serializable as 'DilatedConv2D'. */
export class DilatedConv2D extends tf.layers.Layer {
  static className = 'DilatedConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly dilationRate: number;
  readonly useBias: boolean;
  /** Public, with the kernel, so a run can redraw it from a seed (models/seeded-init.ts). */
  readonly kernelInitializer = tf.initializers.glorotUniform({});
  kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: DilatedConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.dilationRate = args.dilationRate;
    this.useBias = args.useBias ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inChannels = shape[shape.length - 1];
    if (inChannels == null) throw new Error('DilatedConv2D needs a known channel count');
    const k = this.kernelSize;
    this.kernel = this.addWeight(
      'kernel',
      [k, k, inChannels, this.filters],
      'float32',
      this.kernelInitializer,
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[1], shape[2], this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      if (this.kernel == null) throw new Error('DilatedConv2D called before build');
      const y = dilatedConv2d(x, this.kernel.read() as tf.Tensor4D, this.dilationRate);
      return this.bias == null ? y : tf.add(y, this.bias.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      dilationRate: this.dilationRate,
      useBias: this.useBias,
    };
  }
}
tf.serialization.registerClass(DilatedConv2D);
