/**
 * Dataset-level hard Dice, accumulated on the device: each batch adds its per-class
 * intersections and sizes, and the score is read once per epoch. Summing counts (rather
 * than averaging per-batch scores) weights every voxel equally and keeps batches without
 * foreground from skewing the score.
 */
import * as tf from '@tensorflow/tfjs';
import { hardPrediction } from '../metrics-tf';

/** [2, classes]: per-class |A.B| and |A| + |B| of one batch. */
export function diceCounts(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const hard = hardPrediction(yPred);
    const axes = [...Array(yTrue.rank - 1).keys()];
    const inter = tf.sum(tf.mul(yTrue, hard), axes);
    const sizes = tf.add(tf.sum(yTrue, axes), tf.sum(hard, axes));
    return tf.stack([inter, sizes]) as tf.Tensor2D;
  });
}

/** Sums {@link diceCounts} over many batches. */
export class DiceAccumulator {
  private total: tf.Tensor2D | null = null;

  /** Adds one batch's counts; takes ownership of `counts`. */
  add(counts: tf.Tensor2D): void {
    if (this.total === null) {
      this.total = counts;
      return;
    }
    const next = tf.add<tf.Tensor2D>(this.total, counts);
    tf.dispose([this.total, counts]);
    this.total = next;
  }

  /**
   * Mean Dice over the foreground classes (class 0 is background when there are >= 2),
   * with classes absent from both prediction and target counted as 1. Resets the sums.
   */
  async read(): Promise<number> {
    if (this.total === null) return Number.NaN;
    const [, classes] = this.total.shape;
    const values = await this.total.data();
    this.dispose();
    return foregroundDice(values, classes);
  }

  dispose(): void {
    this.total?.dispose();
    this.total = null;
  }
}

/** Mean foreground Dice from flattened [2, classes] counts. */
export function foregroundDice(counts: ArrayLike<number>, classes: number): number {
  const first = classes >= 2 ? 1 : 0;
  let sum = 0;
  for (let k = first; k < classes; k++) {
    const sizes = counts[classes + k];
    sum += sizes > 0 ? (2 * counts[k]) / sizes : 1;
  }
  return sum / (classes - first);
}
