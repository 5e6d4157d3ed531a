/**
 * Dice scores computed on-device for training curves and evaluation tables.
 *
 * Everything returns tensors so callers decide when to pay for a read-back (`await
 * t.data()`, not every step: synchronous reads are slow on WebGPU). Inputs follow the loss
 * conventions: `yTrue` binary or one-hot, `yPred` probabilities, [batch, h, w, classes].
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Binarized prediction: threshold 0.5 for a single sigmoid map, one-hot of the arg-max
 * class for softmax outputs.
 */
export function hardPrediction(yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const c = yPred.shape[yPred.rank - 1];
    if (c === 1) return tf.cast(tf.greaterEqual(yPred, 0.5), 'float32');
    return tf.oneHot(tf.argMax(yPred, -1), c, 1, 0, 'float32');
  });
}

/** 2|A.B| / (|A| + |B|) with 0/0 (class absent in both) counted as 1. */
function dice(yTrue: tf.Tensor, yPred: tf.Tensor, axes: number[]): tf.Tensor {
  const inter = tf.sum(tf.mul(yTrue, yPred), axes);
  const denom = tf.add(tf.sum(yTrue, axes), tf.sum(yPred, axes));
  const safe = tf.maximum(denom, 1e-12);
  return tf.where(tf.equal(denom, 0), tf.onesLike(denom), tf.div(tf.mul(inter, 2), safe));
}

function batchAxes(x: tf.Tensor): number[] {
  return [...Array(x.rank - 1).keys()];
}

/** Soft Dice 2 sum pq / (sum p + sum q) per class over the whole batch: [classes]. */
export function softDicePerClass(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => dice(yTrue, yPred, batchAxes(yTrue)) as tf.Tensor1D);
}

/** Hard Dice of the binarized prediction per class over the whole batch: [classes]. */
export function hardDicePerClass(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => dice(yTrue, hardPrediction(yPred), batchAxes(yTrue)) as tf.Tensor1D);
}

/**
 * Hard Dice per image and class, [batch, classes]: the per-slice scores whose mean,
 * median and maximum seed 001 reports.
 */
export function hardDicePerImage(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const spatial = [...Array(yTrue.rank - 2).keys()].map((a) => a + 1);
    return dice(yTrue, hardPrediction(yPred), spatial) as tf.Tensor2D;
  });
}

/**
 * Mean of per-class scores over the foreground classes (channel 0 is background when
 * there are >= 2 classes) or over all with `includeBackground`. Works on [classes] or
 * [batch, classes] (giving [batch]).
 */
export function meanForeground(perClass: tf.Tensor, includeBackground = false): tf.Tensor {
  return tf.tidy(() => {
    const c = perClass.shape[perClass.rank - 1];
    if (c < 2 || includeBackground) return tf.mean(perClass, -1);
    const begin = perClass.shape.map((_, i) => (i === perClass.rank - 1 ? 1 : 0));
    const size = perClass.shape.map((n, i) => (i === perClass.rank - 1 ? c - 1 : n));
    return tf.mean(tf.slice(perClass, begin, size), -1);
  });
}
