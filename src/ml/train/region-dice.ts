/**
 * Dice of one validation case after the post-processing predictions get in the studio:
 * the hard foreground mask of every slice is gathered into a volume, only its largest
 * 26-connected region is kept, and the volume is scored against the label. Scoring the raw
 * mask instead would rank epochs by stray blobs the user never sees.
 */
import type * as tf from '@tensorflow/tfjs';
import { keepLargestComponent } from '../infer/largest-component';
import { hardPrediction } from '../metrics-tf';

/** Collects a case's slices (in order) and scores them as one volume. */
export class RegionDice {
  private readonly predicted: Uint8Array;
  private readonly truth: Uint8Array;
  private filled = 0;

  constructor(
    private readonly size: number,
    private readonly slices: number,
  ) {
    this.predicted = new Uint8Array(size * size * slices);
    this.truth = new Uint8Array(size * size * slices);
  }

  /**
   * Adds the next slices: `probabilities` [n, size, size, 1] (a sigmoid output) and their
   * class maps (foreground where > 0). Does not
   * dispose `probabilities`.
   */
  async add(probabilities: tf.Tensor, classes: readonly Uint8Array[]): Promise<void> {
    // The same threshold as every other hard Dice in training.
    const hard = hardPrediction(probabilities);
    const values = await hard.data();
    hard.dispose();
    const pixels = this.size * this.size;
    if (
      values.length !== classes.length * pixels ||
      this.filled + values.length > this.predicted.length
    ) {
      throw new RangeError('RegionDice: slices do not match the case');
    }
    this.predicted.set(values, this.filled);
    classes.forEach((c, i) => {
      const offset = this.filled + i * pixels;
      for (let k = 0; k < pixels; k++) this.truth[offset + k] = c[k] > 0 ? 1 : 0;
    });
    this.filled += values.length;
  }

  /** Dice of the largest predicted region against the label; 1 when both are empty. */
  read(): number {
    keepLargestComponent(this.predicted, [this.size, this.size, this.slices]);
    let overlap = 0;
    let sizes = 0;
    for (let k = 0; k < this.predicted.length; k++) {
      overlap += this.predicted[k] & this.truth[k];
      sizes += this.predicted[k] + this.truth[k];
    }
    return sizes > 0 ? (2 * overlap) / sizes : 1;
  }
}
