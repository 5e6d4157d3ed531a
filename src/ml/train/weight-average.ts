/**
 * An exponential moving average of the trainable weights (Polyak averaging). Validation
 * and the final model use the average, which moves less from step to step than the raw
 * weights: on a few cases the raw weights' validation Dice swings by several points
 * between epochs, and the average tracks their trend instead.
 */
import * as tf from '@tensorflow/tfjs';
import { readAll, tensorsLike } from './train-state';

export class WeightAverage {
  private readonly averages: tf.Variable[];
  private updates = 0;

  /** Starts the average at the model's current trainable weights. */
  constructor(
    private readonly model: tf.LayersModel,
    private readonly decay: number,
  ) {
    this.averages = model.trainableWeights.map((w) => tf.variable(w.read(), false));
  }

  /**
   * Folds the current weights in. The decay ramps up over the first updates, as in
   * TensorFlow's ExponentialMovingAverage with num_updates, so that the random
   * initialization fades quickly.
   */
  update(): void {
    this.updates++;
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    tf.tidy(() => {
      this.model.trainableWeights.forEach((w, i) => {
        const avg = this.averages[i];
        avg.assign(tf.add(tf.mul(avg, d), tf.mul(w.read(), 1 - d)));
      });
    });
  }

  /**
   * Runs `fn` with the averaged weights in the model, then puts the raw weights back
   * (training continues from them).
   */
  async withAverage<T>(fn: () => Promise<T>): Promise<T> {
    const weights = this.model.trainableWeights;
    const raw = weights.map((w) => w.read().clone());
    try {
      weights.forEach((w, i) => w.write(this.averages[i]));
      return await fn();
    } finally {
      weights.forEach((w, i) => w.write(raw[i]));
      tf.dispose(raw);
    }
  }

  /** The average and its update count, for a checkpoint. */
  async read(): Promise<{ updates: number; values: Float32Array<ArrayBuffer>[] }> {
    return { updates: this.updates, values: await readAll(this.averages) };
  }

  /** Continues from a checkpoint's average. */
  restore(state: { updates: number; values: readonly Float32Array<ArrayBuffer>[] }): void {
    const values = tensorsLike(state.values, this.averages);
    this.averages.forEach((avg, i) => avg.assign(values[i]));
    tf.dispose(values);
    this.updates = state.updates;
  }

  /** Leaves the averaged weights in the model for good. */
  apply(): void {
    this.model.trainableWeights.forEach((w, i) => w.write(this.averages[i]));
  }

  dispose(): void {
    tf.dispose(this.averages);
  }
}
