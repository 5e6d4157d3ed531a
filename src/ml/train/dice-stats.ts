/**
 * Dataset-level overlap figures, accumulated on the device: each batch adds its per-class
 * intersections, sizes and pixel count, and the scores are read once per epoch. Summing
 * counts (rather than averaging per-batch scores) weights every voxel equally and keeps
 * batches without foreground from skewing the score. From the same counts come the four
 * curves seed 004 plots: loss (elsewhere), pixel accuracy, mean IoU and Dice.
 */
import * as tf from '@tensorflow/tfjs';
import { hardPrediction } from '../metrics-tf';

/** [3, classes]: per-class |A.B|, |A| + |B|, and the batch's pixel count (in every column). */
export function diceCounts(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const hard = hardPrediction(yPred);
    const axes = [...Array(yTrue.rank - 1).keys()];
    const inter = tf.sum(tf.mul(yTrue, hard), axes);
    const sizes = tf.add(tf.sum(yTrue, axes), tf.sum(hard, axes));
    const pixels = tf.fill(inter.shape, yTrue.size / (yTrue.shape.at(-1) ?? 1));
    return tf.stack([inter, sizes, pixels]) as tf.Tensor2D;
  });
}

/** Overlap figures of a set of predictions. */
export interface OverlapScores {
  /** Mean Dice over the foreground classes. */
  dice: number;
  /** Share of pixels given their true class. */
  accuracy: number;
  /** Mean IoU over all classes, background included (as Keras' MeanIoU). */
  meanIoU: number;
  /** Dice of each foreground class. */
  classDice: number[];
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
    return (await this.readScores()).dice;
  }

  /** Every figure of the summed counts. Resets the sums. */
  async readScores(): Promise<OverlapScores> {
    if (this.total === null) {
      return { dice: Number.NaN, accuracy: Number.NaN, meanIoU: Number.NaN, classDice: [] };
    }
    const [, classes] = this.total.shape;
    const values = await this.total.data();
    this.dispose();
    return overlapScores(values, classes);
  }

  dispose(): void {
    this.total?.dispose();
    this.total = null;
  }
}

/** Dice of each foreground class from flattened [rows, classes] counts (1 when absent). */
function classDices(counts: ArrayLike<number>, classes: number): number[] {
  const first = classes >= 2 ? 1 : 0;
  const out: number[] = [];
  for (let k = first; k < classes; k++) {
    const sizes = counts[classes + k];
    out.push(sizes > 0 ? (2 * counts[k]) / sizes : 1);
  }
  return out;
}

/** Mean foreground Dice from flattened [rows, classes] counts. */
export function foregroundDice(counts: ArrayLike<number>, classes: number): number {
  const d = classDices(counts, classes);
  return d.reduce((a, b) => a + b, 0) / d.length;
}

/**
 * Every figure from flattened [3, classes] counts. A single output channel is a binary
 * foreground map: its background's counts follow from the pixel total.
 */
export function overlapScores(counts: ArrayLike<number>, classes: number): OverlapScores {
  const pixels = counts[2 * classes];
  const inter = Array.from({ length: classes }, (_, k) => counts[k]);
  const sizes = Array.from({ length: classes }, (_, k) => counts[classes + k]);
  if (classes === 1) {
    // Background: true negatives, and its |A| + |B| from the foreground's.
    inter.unshift(pixels - sizes[0] + inter[0]);
    sizes.unshift(2 * pixels - sizes[0]);
  }
  const iou = inter.map((tp, k) => {
    const union = sizes[k] - tp;
    return union > 0 ? tp / union : 1;
  });
  const correct = inter.reduce((a, b) => a + b, 0);
  const classDice = classDices(counts, classes);
  return {
    dice: classDice.reduce((a, b) => a + b, 0) / classDice.length,
    accuracy: pixels > 0 ? correct / pixels : Number.NaN,
    meanIoU: iou.reduce((a, b) => a + b, 0) / iou.length,
    classDice,
  };
}
