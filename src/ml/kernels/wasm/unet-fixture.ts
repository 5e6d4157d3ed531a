/**
 * A U-Net built from tf.layers with seeded initialisers, used to check and time training
 * on the WASM kernels. It exercises the same kernels as the project's networks: 3x3 and
 * 1x1 convolutions, batch norm, ReLU or PReLU, max pooling, strided and transposed
 * convolutions, concatenation and a sigmoid output.
 */
import * as tf from '@tensorflow/tfjs';

/** Shape and options of the fixture network. */
export interface UNetFixtureOptions {
  size: number;
  baseFilters: number;
  /** Resolution levels: depth - 1 poolings. */
  depth: number;
  batchNorm?: boolean;
  prelu?: boolean;
  /** Downsample with a 2x2 stride-2 convolution after the first level instead of pooling. */
  stridedDown?: boolean;
  /** Upsample the last decoder level with a 3x3 stride-2 transposed convolution. */
  wideUp?: boolean;
}

/**
 * Builds the network. With size 128, 4 levels, 8 base filters and no options it is the
 * 120,681-parameter U-Net of the project's benchmarks.
 */
export function buildUNetFixture(o: UNetFixtureOptions): tf.LayersModel {
  let seed = 1;
  const init = () => tf.initializers.glorotUniform({ seed: seed++ });
  const act = (x: tf.SymbolicTensor): tf.SymbolicTensor =>
    (o.prelu === true ? tf.layers.prelu({ sharedAxes: [1, 2] }) : tf.layers.reLU()).apply(
      x,
    ) as tf.SymbolicTensor;
  const conv = (x: tf.SymbolicTensor, filters: number): tf.SymbolicTensor => {
    // Plain ReLU goes inside the layer, as a U-Net without batch norm would write it.
    const fuseRelu = o.batchNorm !== true && o.prelu !== true;
    const y = tf.layers
      .conv2d({
        filters,
        kernelSize: 3,
        padding: 'same',
        activation: fuseRelu ? 'relu' : 'linear',
        kernelInitializer: init(),
      })
      .apply(x) as tf.SymbolicTensor;
    if (fuseRelu) return y;
    return act(
      o.batchNorm === true ? (tf.layers.batchNormalization().apply(y) as tf.SymbolicTensor) : y,
    );
  };
  const input = tf.input({ shape: [o.size, o.size, 1] });
  let x = input;
  const skips: tf.SymbolicTensor[] = [];
  let filters = o.baseFilters;
  for (let level = 0; level < o.depth - 1; level++) {
    x = conv(conv(x, filters), filters);
    skips.push(x);
    const strided = o.stridedDown === true && level === 0;
    x = (
      strided
        ? tf.layers.conv2d({ filters, kernelSize: 2, strides: 2, kernelInitializer: init() })
        : tf.layers.maxPooling2d({ poolSize: 2 })
    ).apply(x) as tf.SymbolicTensor;
    filters *= 2;
  }
  x = conv(conv(x, filters), filters);
  for (let level = o.depth - 2; level >= 0; level--) {
    filters /= 2;
    const kernelSize = o.wideUp === true && level === 0 ? 3 : 2;
    const up = tf.layers.conv2dTranspose({
      filters,
      kernelSize,
      strides: 2,
      padding: 'same',
      kernelInitializer: init(),
    });
    x = tf.layers
      .concatenate()
      .apply([up.apply(x) as tf.SymbolicTensor, skips[level]]) as tf.SymbolicTensor;
    x = conv(conv(x, filters), filters);
  }
  const output = tf.layers
    .conv2d({ filters: 1, kernelSize: 1, activation: 'sigmoid', kernelInitializer: init() })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}

/** Soft Dice loss (1 - Dice) over the whole batch. */
export function diceLoss(truth: tf.Tensor, prob: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const overlap = tf.sum(tf.mul(truth, prob));
    const total = tf.add(tf.sum(truth), tf.sum(prob));
    return tf.sub<tf.Scalar>(1, tf.div(tf.add(tf.mul(overlap, 2), 1), tf.add(total, 1)));
  });
}
