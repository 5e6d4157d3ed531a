/**
 * Optimizer construction and the two things tfjs optimizers do not offer directly: a
 * learning rate that changes during the run, and L2 weight decay (added to the loss, as
 * Keras' kernel regularizers do, so it works the same for Adam and SGD).
 */
import * as tf from '@tensorflow/tfjs';
import type { LrSchedule } from './schedule';

/** Optimizer settings of a training run. */
export interface OptimizerConfig {
  kind: 'adam' | 'sgd';
  learningRate: number;
  /** SGD momentum (seed 001 uses 0.9); ignored by Adam. */
  momentum: number;
  /** L2 factor on convolution kernels, added to the loss (seed 002 uses 1e-4). */
  weightDecay: number;
  schedule: LrSchedule;
}

/**
 * Adam's epsilon (Keras' default). Left unset, tfjs takes the backend's `epsilon()`, which
 * the webgl backend reports as 1e-4 on devices that render float32 (it reads its float
 * precision as 16 bits there), against 1e-7 elsewhere: the same run would then train
 * differently on webgl.
 */
export const ADAM_EPSILON = 1e-7;

/** Builds the optimizer `config` names. */
export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  if (!(config.learningRate >= 0)) throw new RangeError('learning rate must be >= 0');
  if (config.kind === 'adam') return tf.train.adam(config.learningRate, 0.9, 0.999, ADAM_EPSILON);
  return config.momentum > 0
    ? tf.train.momentum(config.learningRate, config.momentum)
    : tf.train.sgd(config.learningRate);
}

/** Changes the learning rate of an optimizer made by {@link createOptimizer}. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // tfjs optimizer classes answer `instanceof` by duck typing (any optimizer is an
  // "SGDOptimizer"), so the setter is looked up instead.
  const o = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (lr: number) => void;
  };
  if (o.learningRate === lr) return;
  // SGD and momentum cache -lr in a scalar that their setter refreshes; Adam reads its
  // `learningRate` field (marked protected) on every update.
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** The current learning rate of an optimizer made by {@link createOptimizer}. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

/** Whether a weight is a convolution / dense kernel (biases, BN and PReLU are not decayed). */
export function isKernel(weight: tf.LayerVariable): boolean {
  return /(^|\/)(kernel|depthwise_kernel|pointwise_kernel)(_\d+)?$/.test(weight.originalName);
}

/** weightDecay * sum of squared kernel weights over `weights`, or null when decay is 0. */
export function l2Penalty(
  weights: readonly tf.LayerVariable[],
  weightDecay: number,
): tf.Scalar | null {
  if (weightDecay <= 0) return null;
  const kernels = weights.filter(isKernel);
  if (kernels.length === 0) return null;
  return tf.tidy(() => {
    const sums = kernels.map((w) => tf.sum(tf.square(w.read())));
    return tf.mul<tf.Scalar>(tf.addN(sums), weightDecay);
  });
}
