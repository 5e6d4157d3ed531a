/**
 * Batch normalization in training mode as one operation with its own gradient. tfjs'
 * BatchNormalization layer normalizes a training batch with `moments` followed by
 * `batchNorm`, and differentiates through both: about twenty element-wise passes over the
 * activations per layer and step, a quarter of a U-Net training step on the WASM backend.
 * Here the forward pass takes the batch statistics and normalizes, and the backward pass
 * uses the closed form
 *   dgamma = sum(dy * xhat), dbeta = sum(dy),
 *   dx = gamma / sigma * (dy - dbeta / n - xhat * dgamma / n)
 * (sums over every axis but the channels, n values per channel). On WASM both passes are
 * the studio's kernels (kernels/wasm/batch-norm.ts); elsewhere they are composed of tfjs ops.
 * Importing this module makes tfjs' BatchNormalization layers train through it (trainable,
 * channels-last, with centre and scale, as the studio builds them); others keep tfjs' path.
 */
import * as tf from '@tensorflow/tfjs';

/** Kernel names of the WASM implementation (registered by kernels/wasm). */
export const BN_STATS_KERNEL = 'StudioBatchNormStats';
export const BN_GRAD_KERNEL = 'StudioBatchNormGrad';

/** Output of a training-mode normalization: the result and the batch statistics. */
export interface BatchNormResult {
  y: tf.Tensor;
  /** Per-channel mean and (biased) variance of the batch; the caller disposes them. */
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

function onWasm(kernel: string): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(kernel, 'wasm') !== undefined;
}

/** Per-channel mean and biased variance over every axis but the last. */
function statistics(x: tf.Tensor): [tf.Tensor1D, tf.Tensor1D] {
  if (onWasm(BN_STATS_KERNEL)) {
    return tf.engine().runKernel(BN_STATS_KERNEL, { x }, {}) as unknown as [
      tf.Tensor1D,
      tf.Tensor1D,
    ];
  }
  const axes = [...Array(x.rank - 1).keys()];
  const { mean, variance } = tf.moments(x, axes);
  return [mean as tf.Tensor1D, variance as tf.Tensor1D];
}

/** [dx, dgamma, dbeta] of y = (x - mean) * invStd * gamma + beta with batch statistics. */
function gradients(
  dy: tf.Tensor,
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  mean: tf.Tensor1D,
  invStd: tf.Tensor1D,
): tf.Tensor[] {
  if (onWasm(BN_GRAD_KERNEL)) {
    const out: tf.Tensor | tf.Tensor[] = tf
      .engine()
      .runKernel(BN_GRAD_KERNEL, { dy, x, gamma, mean, invStd }, {});
    return Array.isArray(out) ? out : [out];
  }
  return tf.tidy(() => {
    const axes = [...Array(x.rank - 1).keys()];
    const n = x.size / (x.shape[x.rank - 1] ?? 1);
    const xhat = tf.mul(tf.sub(x, mean), invStd);
    const dbeta = tf.sum(dy, axes);
    const dgamma = tf.sum(tf.mul(dy, xhat), axes);
    const centred = tf.sub(tf.sub(dy, tf.div(dbeta, n)), tf.mul(xhat, tf.div(dgamma, n)));
    return [tf.mul(centred, tf.mul(gamma, invStd)), dgamma, dbeta];
  });
}

/** Normalizes `x` (channels last) with its batch statistics, differentiably in x, gamma, beta. */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): BatchNormResult {
  // Filled by the forward pass, which tfjs runs inside the op.
  const kept: { stats?: [tf.Tensor1D, tf.Tensor1D] } = {};
  const op = tf.customGrad((...args) => {
    const [input, g, b] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const [mean, variance] = statistics(input);
    const invStd = tf.rsqrt(tf.add(variance, epsilon)) as tf.Tensor1D;
    kept.stats = [tf.keep(mean), tf.keep(variance)];
    save([input, g, mean, invStd]);
    const y = tf.batchNorm(input, mean, variance, b, g, epsilon);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sg, sm, si] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
        return gradients(dy, sx, sg, sm, si);
      },
    };
  });
  const y = op(x, gamma, beta);
  if (!kept.stats) throw new Error('batch normalization produced no statistics');
  const [mean, variance] = kept.stats;
  return { y, mean, variance };
}

interface BatchNormLayer extends tf.layers.Layer {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: tf.LayerVariable | null;
  beta: tf.LayerVariable | null;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

/** moving <- moving - (moving - value) * (1 - momentum), as tfjs' layer updates it. */
function moveAverage(variable: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const old = variable.read();
    variable.write(tf.sub(old, tf.mul(tf.sub(old, value), 1 - momentum)));
  });
}

type Call = tf.layers.Layer['call'];
const PATCHED = Symbol.for('segstudio.batchNormTraining');

function patch(): void {
  const proto = Object.getPrototypeOf(tf.layers.batchNormalization({})) as tf.layers.Layer & {
    [PATCHED]?: boolean;
  };
  if (proto[PATCHED]) return;
  const original = Object.getOwnPropertyDescriptor(proto, 'call')?.value as Call;
  proto.call = function (this: BatchNormLayer, inputs, kwargs) {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    const axis = this.axis >= 0 ? this.axis : this.axis + input.rank;
    const fused =
      kwargs['training'] === true &&
      this.trainable &&
      axis === input.rank - 1 &&
      this.gamma !== null &&
      this.beta !== null;
    if (!fused || !this.gamma || !this.beta) return original.call(this, inputs, kwargs);
    const gamma = this.gamma.read() as tf.Tensor1D;
    const beta = this.beta.read() as tf.Tensor1D;
    const { y, mean, variance } = batchNormTraining(input, gamma, beta, this.epsilon);
    moveAverage(this.movingMean, mean, this.momentum);
    moveAverage(this.movingVariance, variance, this.momentum);
    tf.dispose([mean, variance]);
    return y;
  };
  proto[PATCHED] = true;
}

patch();
