/**
 * Validation: loss and hard Dice of the final output over every slice of the validation
 * cases, in inference mode (dropout off, batch norm on its moving statistics), batched
 * within each case, with one read-back per case. With `largestRegion` (single foreground
 * map), each case is scored as predictions are shown: on its largest connected region.
 */
import * as tf from '@tensorflow/tfjs';
import { makeBatch } from '../data/batch';
import type { SliceDataset } from '../data/dataset';
import type { LossFn } from '../losses';
import { DiceAccumulator, diceCounts } from './dice-stats';
import { outputsOf } from './step';
import { yieldToEventLoop } from './control';
import { RegionDice } from './region-dice';
import type { ValidationResult } from './validation-result';

/** Evaluates `model` on all slices of `data`, batching within each case. */
export async function validate(
  model: tf.LayersModel,
  data: SliceDataset,
  loss: LossFn,
  outputChannels: number,
  batchSize: number,
  options: { largestRegion?: boolean } = {},
): Promise<ValidationResult> {
  let lossSum: tf.Scalar = tf.scalar(0);
  const caseDice: ValidationResult['caseDice'] = [];
  const pooled = new DiceAccumulator();
  const byRegion = options.largestRegion === true && outputChannels === 1;
  try {
    for (const range of data.caseRanges()) {
      const dice = new DiceAccumulator();
      const region = byRegion ? new RegionDice(data.sample(range.start).size, range.count) : null;
      try {
        for (let offset = 0; offset < range.count; offset += batchSize) {
          const n = Math.min(batchSize, range.count - offset);
          const samples = Array.from({ length: n }, (_, i) =>
            data.sample(range.start + offset + i),
          );
          const batch = makeBatch(samples, outputChannels);
          const { batchLoss, out } = tf.tidy(() => {
            const out = outputsOf(
              model.apply(batch.x, { training: false }) as tf.Tensor | tf.Tensor[],
            )[0];
            return { batchLoss: tf.mul<tf.Scalar>(loss(batch.y, out), n), out };
          });
          try {
            pooled.add(diceCounts(batch.y, out));
            if (region) {
              await region.add(
                out,
                samples.map((s) => s.classes),
              );
            } else {
              dice.add(diceCounts(batch.y, out));
            }
          } finally {
            tf.dispose([batch.x, batch.y, out]);
          }
          const next = tf.add<tf.Scalar>(lossSum, batchLoss);
          tf.dispose([lossSum, batchLoss]);
          lossSum = next;
          // Long validations must not block pause / stop messages.
          await yieldToEventLoop();
        }
        caseDice.push({ name: range.name, dice: region ? region.read() : await dice.read() });
      } finally {
        dice.dispose();
      }
    }
    const total = (await lossSum.data())[0];
    const scores = caseDice.map((c) => c.dice);
    const mean = scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : Number.NaN;
    const { accuracy, meanIoU, classDice } = await pooled.readScores();
    return {
      loss: total / Math.max(1, data.count),
      dice: mean,
      caseDice,
      accuracy,
      meanIoU,
      classDice,
    };
  } finally {
    lossSum.dispose();
    pooled.dispose();
  }
}
