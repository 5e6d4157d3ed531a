/**
 * One optimizer step on one batch: forward pass in training mode, loss (with deep
 * supervision side losses and L2 weight decay), gradients for the trainable weights only
 * (so frozen layers stay put), update. It also returns, without extra forward passes, the
 * final output's loss and Dice counts for the training curves.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainBatch } from '../geometry/types';
import type { LossFn } from '../losses';
import { diceCounts } from './dice-stats';
import { l2Penalty } from './optimizer';

/** Tensors one step leaves for the caller to read and dispose. */
export interface StepResult {
  /** Loss of the final output alone (no side losses, no weight decay). */
  loss: tf.Scalar;
  /** Dice counts of the final output, see {@link diceCounts}. */
  counts: tf.Tensor2D;
}

/** Settings of {@link makeTrainStep}. */
export interface StepOptions {
  loss: LossFn;
  weightDecay: number;
}

/** Model outputs as a list: [final, ...sides]. */
export function outputsOf(result: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(result) ? result : [result];
}

/**
 * Builds the step function for `model` and `optimizer`. `sideWeights[i]` weighs the loss
 * of side output i (deep supervision: the total is the final output's loss plus the sum of
 * alpha_i times each side output's loss); missing weights count as 0.
 */
export function makeTrainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  options: StepOptions,
): (batch: TrainBatch, sideWeights?: readonly number[]) => StepResult {
  return (batch, sideWeights = []) => {
    const weights = model.trainableWeights;
    if (weights.length === 0) throw new Error('the model has no trainable weights');
    // Read each step: freezing or unfreezing layers changes the list.
    const vars = weights.map((w) => w.read() as tf.Variable);
    const kept: Partial<StepResult> = {};
    const cost = optimizer.minimize(
      () => {
        const outputs = outputsOf(
          model.apply(batch.x, { training: true }) as tf.Tensor | tf.Tensor[],
        );
        const main = options.loss(batch.y, outputs[0]);
        // Kept copies outlive the step's scope; the cost itself is disposed below.
        kept.loss = tf.keep(main.clone());
        kept.counts = tf.keep(diceCounts(batch.y, outputs[0]));
        const terms: tf.Tensor[] = [main];
        outputs.slice(1).forEach((side, i) => {
          const alpha = sideWeights[i] ?? 0;
          if (alpha > 0) terms.push(tf.mul(options.loss(batch.y, side), alpha));
        });
        const decay = l2Penalty(weights, options.weightDecay);
        if (decay) terms.push(decay);
        return (terms.length === 1 ? main : tf.addN(terms)) as tf.Scalar;
      },
      true,
      vars,
    );
    cost?.dispose();
    if (!kept.loss || !kept.counts) throw new Error('training step produced no loss');
    return { loss: kept.loss, counts: kept.counts };
  };
}
