/**
 * Test support for the model builders: a tiny segmentation batch and an overfitting run
 * that records losses and tensor counts, shared by the per-backend training tests.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossFn } from '../losses';

/** `size`x`size` slices with a bright rectangle that the target marks as foreground. */
export function tinyBatch(
  batch: number,
  size: number,
  numClasses: number,
): { x: tf.Tensor4D; y: tf.Tensor4D } {
  return tf.tidy(() => {
    const rows = tf.range(0, size).reshape([1, size, 1, 1]);
    const cols = tf.range(0, size).reshape([1, 1, size, 1]);
    const masks = Array.from({ length: batch }, (_, i) => {
      const r0 = Math.floor(size / 8) + i * 2;
      const c0 = Math.floor(size / 5) + i * 3;
      return tf.logicalAnd(
        tf.logicalAnd(tf.greaterEqual(rows, r0), tf.less(rows, r0 + size / 2)),
        tf.logicalAnd(tf.greaterEqual(cols, c0), tf.less(cols, c0 + size / 3)),
      );
    });
    const fg = tf.cast(tf.concat(masks, 0), 'float32') as tf.Tensor4D;
    const x = tf.add<tf.Tensor4D>(fg, tf.randomNormal(fg.shape, 0, 0.3, 'float32', 1));
    const y = numClasses === 1 ? fg : (tf.concat([tf.sub(1, fg), fg], -1) as tf.Tensor4D);
    return { x, y };
  });
}

/** Losses per step, and the live tensor count after each step (after the first). */
export interface OverfitRun {
  losses: number[];
  tensorCounts: number[];
}

/**
 * Loss of a model's outputs: the final output's, plus `sideWeight` times each deep-
 * supervision side output's (the training step's rule, train/step.ts).
 */
function supervisedLoss(
  loss: LossFn,
  y: tf.Tensor,
  outputs: tf.Tensor | tf.Tensor[],
  sideWeight: number,
): tf.Scalar {
  const [final, ...sides] = Array.isArray(outputs) ? outputs : [outputs];
  const main = loss(y, final);
  if (sides.length === 0) return main;
  return tf.addN([main, ...sides.map((s) => tf.mul(loss(y, s), sideWeight))]) as tf.Scalar;
}

/**
 * `steps` Adam steps on one batch, updating only the model's trainable weights; a model
 * with side outputs is trained on all of them, side losses weighted by `sideWeight`. Each
 * step runs inside tf.tidy, so after the first (which creates the optimizer's slots) the
 * number of live tensors must stay constant.
 */
export function overfit(
  model: tf.LayersModel,
  batch: { x: tf.Tensor; y: tf.Tensor },
  loss: LossFn,
  steps: number,
  learningRate = 0.01,
  sideWeight = 0.5,
): OverfitRun {
  const opt = tf.train.adam(learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const run: OverfitRun = { losses: [], tensorCounts: [] };
  for (let i = 0; i < steps; i++) {
    // tidy on top of minimize's own clean-up: whatever the loss allocates must not survive.
    const cost = tf.tidy((): tf.Scalar => {
      const c = opt.minimize(
        () =>
          supervisedLoss(
            loss,
            batch.y,
            model.apply(batch.x, { training: true }) as tf.Tensor | tf.Tensor[],
            sideWeight,
          ),
        true,
        vars,
      );
      if (c == null) throw new Error('minimize returned no cost');
      return c;
    });
    run.losses.push(cost.dataSync()[0]);
    cost.dispose();
    if (i > 0) run.tensorCounts.push(tf.memory().numTensors);
  }
  opt.dispose();
  return run;
}

/**
 * A tiny batch for an input of `shape` per sample ([size, size, c] or [depth, size, size,
 * c]): a bright box the target marks as foreground, stacked through the depth for 3-D.
 */
export function tinyBatchOf(
  shape: readonly number[],
  batch: number,
  numClasses: number,
): { x: tf.Tensor; y: tf.Tensor } {
  const size = shape[shape.length - 2];
  const flat = tinyBatch(batch, size, numClasses);
  if (shape.length === 3) return flat;
  const depth = shape[0];
  return tf.tidy(() => {
    const lift = (t: tf.Tensor4D) => tf.tile(tf.expandDims(t, 1), [1, depth, 1, 1, 1]);
    const out = { x: lift(flat.x), y: lift(flat.y) };
    tf.dispose([flat.x, flat.y]);
    return out;
  });
}
