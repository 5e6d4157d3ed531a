/**
 * Early stopping on a monitored loss, and the copy of the best weights it keeps, so a run
 * that overfits or stalls still ends with its best model.
 */
import * as tf from '@tensorflow/tfjs';
import { readAll, tensorsLike } from './train-state';

/** Patience bookkeeping over a loss that should decrease. */
export class EarlyStopping {
  best = Number.POSITIVE_INFINITY;
  bestEpoch: number | null = null;
  wait = 0;

  /** `patience` 0 never stops; `minDelta` is the decrease that counts as improvement. */
  constructor(
    private readonly patience: number,
    private readonly minDelta: number,
  ) {}

  /** Records the loss of `epoch`. */
  update(epoch: number, value: number): { improved: boolean; stop: boolean } {
    if (Number.isFinite(value) && value < this.best - this.minDelta) {
      this.best = value;
      this.bestEpoch = epoch;
      this.wait = 0;
      return { improved: true, stop: false };
    }
    this.wait++;
    return { improved: false, stop: this.patience > 0 && this.wait >= this.patience };
  }
}

/** A copy of every weight of a model (batch-norm statistics included). */
export class WeightSnapshot {
  private weights: tf.Tensor[] | null = null;

  get empty(): boolean {
    return this.weights === null;
  }

  /** Replaces the stored copy with the current weights of `model`. */
  capture(model: tf.LayersModel): void {
    const copy = tf.tidy(() => model.getWeights().map((w) => w.clone()));
    this.dispose();
    this.weights = copy;
  }

  /** The stored copy's values (null when empty), for a checkpoint. */
  async read(): Promise<Float32Array<ArrayBuffer>[] | null> {
    return this.weights ? readAll(this.weights) : null;
  }

  /** Replaces the stored copy with saved values shaped like `model`'s weights. */
  set(model: tf.LayersModel, values: readonly Float32Array<ArrayBuffer>[]): void {
    const copy = tensorsLike(values, model.weights);
    this.dispose();
    this.weights = copy;
  }

  /** Writes the stored copy back into `model` (no-op when empty). */
  restore(model: tf.LayersModel): void {
    if (this.weights) model.setWeights(this.weights);
  }

  dispose(): void {
    if (this.weights) tf.dispose(this.weights);
    this.weights = null;
  }
}
