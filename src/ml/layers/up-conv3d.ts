/**
 * A 3-D transposed convolution that can be trained in tfjs: the learned up-sampling of the
 * 3D U-Net (Çiçek et al. 2016) and of a 3-D Tiramisu's transitions up (Jégou et al. 2017).
 *
 * tfjs 4.22 runs `conv3dTranspose` forward (as the Conv3DBackpropInputV2 kernel) but has no
 * gradient for it, so training stops at the first up-sampling layer. A transposed
 * convolution is the adjoint of the strided convolution F_W with the same filter:
 * y = F_W^T(x). Hence dL/dx = F_W(dy), a plain conv3d of dy, and dL/dW is F's filter
 * gradient with the roles of input and output gradient swapped: Conv3DBackpropFilterV2
 * with x := dy and dy := x. Both kernels exist on every backend (and run fast on WASM with
 * the studio's kernels).
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type Kwargs = Parameters<tf.layers.Layer['call']>[1];
type Triple = [number, number, number];
type Padding = 'same' | 'valid';

/** Output shape of a transposed convolution of x [b, d, h, w, c] to `filters` channels. */
export function upConvShape(
  x: readonly (number | null)[],
  filters: number,
  kernel: Triple,
  strides: Triple,
  padding: Padding,
): [number, number, number, number, number] {
  const edge = (n: number | null, k: number, s: number) =>
    n == null ? -1 : padding === 'same' ? n * s : (n - 1) * s + k;
  return [
    x[0] ?? -1,
    edge(x[1], kernel[0], strides[0]),
    edge(x[2], kernel[1], strides[1]),
    edge(x[3], kernel[2], strides[2]),
    filters,
  ];
}

/**
 * Transposed 3-D convolution of NDHWC `x` with `kernel` [kd, kh, kw, outChannels,
 * inChannels] (tfjs' layout), with the gradients derived above.
 */
export function upConv3d(
  x: tf.Tensor5D,
  kernel: tf.Tensor5D,
  strides: Triple,
  padding: Padding,
): tf.Tensor5D {
  const [kd, kh, kw, filters] = kernel.shape;
  const outShape = upConvShape(x.shape, filters, [kd, kh, kw], strides, padding);
  const op = tf.customGrad((...args: Array<tf.Tensor | ((save: tf.Tensor[]) => void)>) => {
    const [input, filter] = args as [tf.Tensor5D, tf.Tensor5D];
    const save = args[2] as (tensors: tf.Tensor[]) => void;
    save([input, filter]);
    return {
      value: tf.conv3dTranspose(input, filter, outShape, strides, padding),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor5D, tf.Tensor5D];
        const dx = tf.conv3d(dy as tf.Tensor5D, ws, strides, padding);
        const dw = tf
          .engine()
          .runKernel<tf.Tensor>(
            'Conv3DBackpropFilterV2',
            { x: dy, dy: xs },
            { strides, pad: padding, filterShape: ws.shape },
          );
        return [dx, dw];
      },
    };
  });
  return op(x, kernel);
}

/** Constructor arguments of {@link UpConv3D}. */
export interface UpConv3DArgs extends NonNullable<LayerArgs> {
  filters: number;
  /** Cube edge: 2 (Çiçek et al.) or 3 (seed 002's U-Net and Tiramisu). */
  kernelSize: number;
  /** Default 2 on every axis. */
  strides?: number | Triple;
  padding?: Padding;
  useBias?: boolean;
}

function triple(v: number | Triple): Triple {
  return typeof v === 'number' ? [v, v, v] : v;
}

/** Keras-style layer around {@link upConv3d}; serializable as 'UpConv3D'. */
export class UpConv3D extends tf.layers.Layer {
  static className = 'UpConv3D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: Triple;
  readonly padding: Padding;
  readonly useBias: boolean;
  /** Public, with the kernel, so a run can redraw it from a seed (models/seeded-init.ts). */
  readonly kernelInitializer = tf.initializers.heNormal({});
  kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: UpConv3DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = triple(args.strides ?? 2);
    this.padding = args.padding ?? 'same';
    this.useBias = args.useBias ?? true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inChannels = shape[shape.length - 1];
    if (inChannels == null) throw new Error('UpConv3D needs a known channel count');
    const k = this.kernelSize;
    this.kernel = this.addWeight(
      'kernel',
      [k, k, k, this.filters, inChannels],
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
    const k = this.kernelSize;
    return upConvShape(shape, this.filters, [k, k, k], this.strides, this.padding).map((d) =>
      d < 0 ? null : d,
    );
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor5D;
      if (this.kernel == null) throw new Error('UpConv3D called before build');
      const y = upConv3d(x, this.kernel.read() as tf.Tensor5D, this.strides, this.padding);
      if (this.bias == null) return y;
      // A 1-D bias added to a 5-D tensor sends tfjs-webgpu 4.22 down a shared-memory add
      // whose shader indexes a 5-vector it cannot index: the pipeline is invalid and the
      // whole batch of GPU commands is dropped (outputs 0). A 5-D bias takes the plain path.
      return tf.add(y, tf.reshape(this.bias.read(), [1, 1, 1, 1, this.filters]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      useBias: this.useBias,
    };
  }
}
tf.serialization.registerClass(UpConv3D);
