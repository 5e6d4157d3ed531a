/**
 * Validation: loss and hard Dice of the final output over every slice of the validation
 * cases, in inference mode (dropout off, batch norm on its moving statistics), batched,
 * with one read-back at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../data/batch';
import type { SliceDataset } from '../data/dataset';
import type { LossFn } from '../losses';
import { DiceAccumulator, diceCounts } from './dice-stats';
import { outputsOf } from './step';
import { yieldToEventLoop } from './control';

/** Loss (slice-weighted mean of batch losses) and dataset-level Dice. */
export interface ValidationResult {
  loss: number;
  dice: number;
}

/** Evaluates `model` on all slices of `data`. */
export async function validate(
  model: tf.LayersModel,
  data: SliceDataset,
  loss: LossFn,
  outputChannels: number,
  batchSize: number,
): Promise<ValidationResult> {
  const dice = new DiceAccumulator();
  let lossSum: tf.Scalar = tf.scalar(0);
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      const n = Math.min(batchSize, data.count - start);
      const samples = Array.from({ length: n }, (_, i) => data.sample(start + i));
      const batch = makeBatch(samples, outputChannels);
      const { batchLoss, counts } = tf.tidy(() => {
        const out = outputsOf(
          model.apply(batch.x, { training: false }) as tf.Tensor | tf.Tensor[],
        )[0];
        return {
          batchLoss: tf.mul<tf.Scalar>(loss(batch.y, out), n),
          counts: diceCounts(batch.y, out),
        };
      });
      tf.dispose([batch.x, batch.y]);
      const next = tf.add<tf.Scalar>(lossSum, batchLoss);
      tf.dispose([lossSum, batchLoss]);
      lossSum = next;
      dice.add(counts);
      // Long validations must not block pause / stop messages.
      await yieldToEventLoop();
    }
    const total = (await lossSum.data())[0];
    return { loss: total / Math.max(1, data.count), dice: await dice.read() };
  } finally {
    lossSum.dispose();
    dice.dispose();
  }
}
