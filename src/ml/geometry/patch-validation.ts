/**
 * Validation of a 3-D network: each held-out volume is predicted whole by sliding window,
 * as predictions are made, then scored at once: the loss of the blended probabilities, and
 * the case's Dice (on its largest connected region when the run shows predictions so).
 */
import * as tf from '@tensorflow/tfjs';
import { keepLargestComponent } from '../infer/largest-component';
import type { LossFn } from '../losses';
import { DiceAccumulator, diceCounts } from '../train/dice-stats';
import type { ValidationResult } from '../train/validation-result';
import { patchOf } from './patch-samples';
import { slidingWindow } from './sliding-window';
import type { SetOptions, ValidationSet } from './types';
import type { PreparedVolume } from './volume';

/** Channels-last [1, nz, ny, nx, k] probabilities from class-major values. */
function channelsLast(values: Float32Array, dims: readonly number[], k: number): tf.Tensor {
  const voxels = values.length / k;
  const out = new Float32Array(values.length);
  for (let c = 0; c < k; c++)
    for (let v = 0; v < voxels; v++) out[v * k + c] = values[c * voxels + v];
  return tf.tensor5d(out, [1, dims[2], dims[1], dims[0], k]);
}

/** Foreground map or one-hot targets [1, nz, ny, nx, k] of a class volume. */
function targets(classes: Uint8Array, dims: readonly number[], k: number): tf.Tensor {
  const out = new Float32Array(classes.length * k);
  for (let v = 0; v < classes.length; v++) {
    if (k === 1) out[v] = classes[v] > 0 ? 1 : 0;
    else out[v * k + (classes[v] < k ? classes[v] : 0)] = 1;
  }
  return tf.tensor5d(out, [1, dims[2], dims[1], dims[0], k]);
}

/** Dice of the largest region of the thresholded foreground map against the label. */
function regionDice(
  probabilities: Float32Array,
  classes: Uint8Array,
  dims: readonly number[],
): number {
  const mask = Uint8Array.from(probabilities, (p) => (p >= 0.5 ? 1 : 0));
  keepLargestComponent(mask, [dims[0], dims[1], dims[2]]);
  let overlap = 0;
  let sizes = 0;
  for (let v = 0; v < mask.length; v++) {
    const truth = classes[v] > 0 ? 1 : 0;
    overlap += mask[v] & truth;
    sizes += mask[v] + truth;
  }
  return sizes > 0 ? (2 * overlap) / sizes : 1;
}

export class PatchValidation implements ValidationSet {
  constructor(
    readonly volumes: readonly PreparedVolume[],
    private readonly o: SetOptions,
  ) {}

  get names(): string[] {
    return this.volumes.map((v) => v.name);
  }

  get slices(): number {
    return this.volumes.reduce((n, v) => n + v.dims[2], 0);
  }

  async validate(
    model: tf.LayersModel,
    loss: LossFn,
    options: { batchSize: number; largestRegion: boolean },
  ): Promise<ValidationResult> {
    const patch = patchOf(this.o.model);
    const pooled = new DiceAccumulator();
    const caseDice: ValidationResult['caseDice'] = [];
    let lossSum = 0;
    try {
      for (const vol of this.volumes) {
        const classes = vol.classes as Uint8Array;
        const p = await slidingWindow(model, vol, patch, { batchSize: options.batchSize });
        const yTrue = targets(classes, vol.dims, p.classes);
        const yPred = channelsLast(p.values, vol.dims, p.classes);
        const caseLoss = tf.tidy(() => loss(yTrue, yPred));
        lossSum += (await caseLoss.data())[0] * vol.dims[2];
        caseLoss.dispose();
        pooled.add(diceCounts(yTrue, yPred));
        let dice: number;
        if (options.largestRegion && p.classes === 1) {
          dice = regionDice(p.values, classes, vol.dims);
        } else {
          const own = new DiceAccumulator();
          own.add(diceCounts(yTrue, yPred));
          dice = await own.read();
        }
        tf.dispose([yTrue, yPred]);
        caseDice.push({ name: vol.name, dice });
      }
      const scores = caseDice.map((c) => c.dice);
      const { accuracy, meanIoU, classDice } = await pooled.readScores();
      return {
        loss: lossSum / Math.max(1, this.slices),
        dice: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : Number.NaN,
        caseDice,
        accuracy,
        meanIoU,
        classDice,
      };
    } finally {
      pooled.dispose();
    }
  }
}
