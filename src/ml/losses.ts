/**
 * Segmentation losses, pure tfjs: overlap losses that cope with the small foreground of
 * prostate slices (Dice, Tversky, focal Tversky), cross-entropies, and weighted sums.
 *
 * Conventions: `yTrue` is binary or one-hot and `yPred` holds probabilities, both
 * [batch, height, width, classes]. Overlap terms are summed over the whole batch and image
 * per class, then averaged over classes. With one channel that channel is the foreground;
 * with >= 2 channels channel 0 is background and is left out unless `includeBackground`.
 */
import * as tf from '@tensorflow/tfjs';

/** A loss: scalar tensor from (target, prediction). */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/** Options shared by the overlap losses. */
export interface OverlapOptions {
  /**
   * Added to numerator and denominator. The default 1e-6 only guards against 0/0, which
   * also makes an empty target predicted empty count as perfect overlap.
   */
  smooth?: number;
  /** Average over background too (multi-class only). Default false. */
  includeBackground?: boolean;
}

/** Tversky index weights: alpha multiplies false positives, beta false negatives. */
export interface TverskyOptions extends OverlapOptions {
  /** Weight of false positives, default 0.3 (seed 000). */
  alpha?: number;
  /** Weight of false negatives, default 0.7 (seed 000): recall matters more. */
  beta?: number;
}

export interface FocalTverskyOptions extends TverskyOptions {
  /** Exponent on (1 - TI), default 0.75 (Abraham & Khan's 1/gamma with gamma = 4/3). */
  gamma?: number;
}

export interface CrossEntropyOptions {
  /** Probabilities are clipped to [epsilon, 1 - epsilon]; default 1e-7. */
  epsilon?: number;
}

const DEFAULT_SMOOTH = 1e-6;

/** Sums over every axis but the class axis: [classes]. */
function perClassSum(x: tf.Tensor): tf.Tensor1D {
  return tf.sum<tf.Tensor1D>(x, [...Array(x.rank - 1).keys()]);
}

/** Mean over the classes that count (all, or all but background). */
function classMean(perClass: tf.Tensor1D, includeBackground: boolean | undefined): tf.Scalar {
  const c = perClass.shape[0];
  const kept = c >= 2 && includeBackground !== true ? tf.slice(perClass, [1], [c - 1]) : perClass;
  return tf.mean(kept);
}

/** Squared-form Dice per class: (2 sum pq + s) / (sum p^2 + sum q^2 + s). */
function squaredDicePerClass(yTrue: tf.Tensor, yPred: tf.Tensor, smooth: number): tf.Tensor1D {
  const inter = perClassSum(tf.mul(yTrue, yPred));
  const denom = tf.add(perClassSum(tf.square(yPred)), perClassSum(tf.square(yTrue)));
  return tf.div(tf.add(tf.mul(inter, 2), smooth), tf.add(denom, smooth));
}

/** Tversky index per class: (TP + s) / (TP + alpha FP + beta FN + s). */
export function tverskyIndexPerClass(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  opts: TverskyOptions = {},
): tf.Tensor1D {
  return tf.tidy(() => {
    const smooth = opts.smooth ?? DEFAULT_SMOOTH;
    const tp = perClassSum(tf.mul(yTrue, yPred));
    const fp = perClassSum(tf.mul(tf.sub(1, yTrue), yPred));
    const fn = perClassSum(tf.mul(yTrue, tf.sub(1, yPred)));
    const denom = tf.addN([tp, tf.mul(fp, opts.alpha ?? 0.3), tf.mul(fn, opts.beta ?? 0.7)]);
    return tf.div(tf.add(tp, smooth), tf.add(denom, smooth));
  });
}

/** Dice loss in seed 001's squared form: 1 - 2 sum pq / (sum p^2 + sum q^2). */
export function diceLoss(yTrue: tf.Tensor, yPred: tf.Tensor, opts: OverlapOptions = {}): tf.Scalar {
  return tf.tidy(() => {
    const dice = squaredDicePerClass(yTrue, yPred, opts.smooth ?? DEFAULT_SMOOTH);
    return classMean(tf.sub(1, dice), opts.includeBackground);
  });
}

/** Tversky loss (Salehi et al. 2017): 1 - TI, alpha on false positives, beta on false negatives. */
export function tverskyLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  opts: TverskyOptions = {},
): tf.Scalar {
  return tf.tidy(() =>
    classMean(tf.sub(1, tverskyIndexPerClass(yTrue, yPred, opts)), opts.includeBackground),
  );
}

/** Focal Tversky loss (Abraham & Khan 2019): (1 - TI)^gamma. */
export function focalTverskyLoss(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  opts: FocalTverskyOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    // The floor keeps the gradient of x^0.75 finite when a class is matched perfectly.
    const miss = tf.maximum(tf.sub(1, tverskyIndexPerClass(yTrue, yPred, opts)), 1e-7);
    return classMean(tf.pow<tf.Tensor1D>(miss, opts.gamma ?? 0.75), opts.includeBackground);
  });
}

/**
 * 3-D maps as rows of classes, the same elements: the gradient of the clipping below is a
 * `where`, which the WebGPU backend runs only up to rank 4.
 */
function asRows(x: tf.Tensor): tf.Tensor {
  return x.rank > 4 ? tf.reshape(x, [-1, x.shape[x.rank - 1]]) : x;
}

/** Mean binary cross-entropy over every element (for sigmoid outputs). */
export function binaryCrossEntropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  opts: CrossEntropyOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    const eps = opts.epsilon ?? 1e-7;
    const t = asRows(yTrue);
    const p = tf.clipByValue(asRows(yPred), eps, 1 - eps);
    const ll = tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(ll)) as tf.Scalar;
  });
}

/** Categorical cross-entropy, summed over classes and averaged over pixels (softmax outputs). */
export function categoricalCrossEntropy(
  yTrue: tf.Tensor,
  yPred: tf.Tensor,
  opts: CrossEntropyOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    const eps = opts.epsilon ?? 1e-7;
    const p = tf.clipByValue(asRows(yPred), eps, 1 - eps);
    return tf.neg(tf.mean(tf.sum(tf.mul(asRows(yTrue), tf.log(p)), -1))) as tf.Scalar;
  });
}

/** One weighted term of {@link combineLosses}. */
export interface WeightedLoss {
  loss: LossFn;
  weight: number;
}

/** Weighted sum of losses, e.g. Dice + cross-entropy. */
export function combineLosses(terms: WeightedLoss[]): LossFn {
  if (terms.length === 0) throw new Error('combineLosses needs at least one term');
  return (yTrue, yPred) =>
    tf.tidy(() => tf.addN(terms.map((t) => tf.mul(t.loss(yTrue, yPred), t.weight))) as tf.Scalar);
}

/**
 * Deep-supervision objective (seed 001): L(final) + sum_i alpha_i * l(side_i), for a model
 * whose outputs are [final, ...sides], all at the target's resolution.
 */
export function deepSupervisedLoss(
  loss: LossFn,
  sideWeights: number[],
): (yTrue: tf.Tensor, outputs: tf.Tensor[]) => tf.Scalar {
  return (yTrue, outputs) =>
    tf.tidy(() => {
      if (outputs.length !== sideWeights.length + 1) {
        throw new Error(`expected ${sideWeights.length + 1} outputs, got ${outputs.length}`);
      }
      const sides = sideWeights.map((w, i) => tf.mul(loss(yTrue, outputs[i + 1]), w));
      return tf.addN([loss(yTrue, outputs[0]), ...sides]) as tf.Scalar;
    });
}

/** Serializable description of a loss, as stored with a training run. */
export type LossSpec =
  | { name: 'dice'; params?: OverlapOptions }
  | { name: 'tversky'; params?: TverskyOptions }
  | { name: 'focalTversky'; params?: FocalTverskyOptions }
  | { name: 'bce'; params?: CrossEntropyOptions }
  | { name: 'cce'; params?: CrossEntropyOptions }
  | { name: 'combo'; terms: Array<{ spec: LossSpec; weight: number }> };

/** Turns a {@link LossSpec} into a loss function. */
export function makeLoss(spec: LossSpec): LossFn {
  switch (spec.name) {
    case 'dice':
      return (t, p) => diceLoss(t, p, spec.params);
    case 'tversky':
      return (t, p) => tverskyLoss(t, p, spec.params);
    case 'focalTversky':
      return (t, p) => focalTverskyLoss(t, p, spec.params);
    case 'bce':
      return (t, p) => binaryCrossEntropy(t, p, spec.params);
    case 'cce':
      return (t, p) => categoricalCrossEntropy(t, p, spec.params);
    case 'combo':
      return combineLosses(spec.terms.map((t) => ({ loss: makeLoss(t.spec), weight: t.weight })));
  }
}
