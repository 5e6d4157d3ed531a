/**
 * 2x2 max-pooling that remembers where each maximum was, and the matching max-unpooling.
 *
 * ENet's decoder puts values back exactly where the encoder's maxima were. tfjs has
 * `maxPoolWithArgmax` but no gradient for it, so both directions are written here with
 * differentiable ops: each 2x2 window is laid out along a trailing axis of length 4
 * (row-major: 0 = top-left, 1 = top-right, 2 = bottom-left, 3 = bottom-right), the winner
 * is that axis' first maximum, and unpooling multiplies the values by a one-hot of the
 * winner before folding the windows back into the image.
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = Parameters<tf.layers.Layer['call']>[1];

const WINDOW = 4;

function firstTensor(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor4D {
  return (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
}

/** [b, h, w, c] -> [b, h/2, w/2, c, 4] with the 2x2 window along the last axis. */
function toWindows(x: tf.Tensor4D): tf.Tensor5D {
  const [b, h, w, c] = x.shape;
  if (h % 2 !== 0 || w % 2 !== 0) throw new Error(`2x2 pooling needs even sizes, got ${h}x${w}`);
  const r = tf.reshape(x, [b, h / 2, 2, w / 2, 2, c]);
  return tf.reshape(tf.transpose(r, [0, 1, 3, 5, 2, 4]), [b, h / 2, w / 2, c, WINDOW]);
}

/** Inverse of {@link toWindows}. */
function fromWindows(x: tf.Tensor5D): tf.Tensor4D {
  const [b, h2, w2, c] = x.shape;
  const r = tf.reshape(x, [b, h2, w2, c, 2, 2]);
  return tf.reshape(tf.transpose(r, [0, 1, 4, 2, 5, 3]), [b, h2 * 2, w2 * 2, c]);
}

/**
 * One-hot of the first maximum of each window. Ties go to the lowest window position so the
 * choice is the same on every backend (argMax tie-breaking is backend-specific). The choice
 * is piecewise constant, so its gradient is zero; `equal` has no gradient in tfjs, hence the
 * custom one.
 */
const firstMaxOneHot = tf.customGrad(
  (...args: Array<tf.Tensor | ((save: tf.Tensor[]) => void)>) => {
    const windows = args[0] as tf.Tensor5D;
    const value = tf.tidy(() => {
      const isMax = tf.cast(tf.equal(windows, tf.max(windows, -1, true)), 'float32');
      // Along a 2-D view: the WebGPU backend has no cumulative sum above rank 4.
      const seen = tf.reshape(tf.cumsum(tf.reshape(isMax, [-1, WINDOW]), 1), windows.shape);
      return tf.mul(isMax, tf.cast(tf.equal(seen, 1), 'float32'));
    });
    return { value, gradFunc: (dy: tf.Tensor) => [tf.zerosLike(dy)] };
  },
);

/**
 * 2x2/stride-2 max-pooling returning `[pooled, index]`, where `index` (float32, same shape
 * as `pooled`) is the winning window position 0..3. The gradient of `pooled` flows only to
 * the winner, consistent with {@link maxUnpool}.
 */
export function maxPoolWithIndices(x: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] {
  return tf.tidy(() => {
    const windows = toWindows(x);
    const oneHot = firstMaxOneHot(windows) as tf.Tensor5D;
    const pooled = tf.sum<tf.Tensor4D>(tf.mul(windows, oneHot), -1);
    // Rank 5 like the windows: WebGPU's kernel for a rank-5 tensor times a short 1-D one
    // emits a shader that does not compile.
    const positions = tf.tensor5d([0, 1, 2, 3], [1, 1, 1, 1, WINDOW]);
    const index = tf.sum<tf.Tensor4D>(tf.mul(oneHot, positions), -1);
    return [pooled, index];
  });
}

/**
 * Places each value of `values` [b, h, w, c] at the window position given by `index`
 * (from {@link maxPoolWithIndices}) in a zero map of size [b, 2h, 2w, c].
 */
export function maxUnpool(values: tf.Tensor4D, index: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const oneHot = tf.cast(tf.oneHot(tf.cast(index, 'int32'), WINDOW), 'float32') as tf.Tensor5D;
    return fromWindows(tf.mul(tf.expandDims(values, -1), oneHot));
  });
}

/** Layer form of {@link maxPoolWithIndices}: one input, outputs `[pooled, index]`. */
export class MaxPoolWithIndices extends tf.layers.Layer {
  static className = 'MaxPoolWithIndices';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const [b, h, w, c] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const half = (n: number | null): number | null => (n == null ? null : Math.floor(n / 2));
    const pooled: tf.Shape = [b, half(h), half(w), c];
    return [pooled, [...pooled]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor[] {
    return maxPoolWithIndices(firstTensor(inputs));
  }
}
tf.serialization.registerClass(MaxPoolWithIndices);

/** Layer form of {@link maxUnpool}: inputs `[values, index]`, output twice the size. */
export class MaxUnpool extends tf.layers.Layer {
  static className = 'MaxUnpool';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [b, h, w, c] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const twice = (n: number | null): number | null => (n == null ? null : n * 2);
    return [b, twice(h), twice(w), c];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) {
      throw new Error('MaxUnpool expects [values, index]');
    }
    return maxUnpool(inputs[0] as tf.Tensor4D, inputs[1] as tf.Tensor4D);
  }
}
tf.serialization.registerClass(MaxUnpool);
