/**
 * Overlap scores of a binary prediction against a manual mask, from the voxel confusion
 * counts: Dice, IoU, precision, recall and pixel accuracy, plus both volumes. Empty masks
 * follow one rule everywhere (see {@link EMPTY_MASK_RULES} in metrics.ts): nothing
 * predicted where nothing is drawn is a perfect score; anything else empty scores 0.
 */
import type { Grid3 } from './edt';

/** Voxel confusion counts of a binary prediction against the manual mask. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Overlap scores, each in 0..1. */
export interface OverlapScores {
  dice: number;
  iou: number;
  precision: number;
  recall: number;
  /** Fraction of all voxels classified correctly (background included). */
  accuracy: number;
}

/** Counts voxels where `predicted` and `truth` (non-zero = foreground) agree and differ. */
export function confusion(predicted: ArrayLike<number>, truth: ArrayLike<number>): Confusion {
  return confusionRange(predicted, truth, 0, truth.length);
}

/** {@link confusion} over voxels [start, end), e.g. one axial slice. */
export function confusionRange(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  start: number,
  end: number,
): Confusion {
  if (predicted.length !== truth.length) {
    throw new RangeError(`masks differ in size: ${predicted.length} vs ${truth.length}`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = start; i < end; i++) {
    const p = predicted[i] !== 0;
    const t = truth[i] !== 0;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return { tp, fp, fn, tn: end - start - tp - fp - fn };
}

/** num / den, with 0/0 = 1 when both masks are empty and 0 otherwise. */
function ratio(num: number, den: number, bothEmpty: boolean): number {
  return den === 0 ? (bothEmpty ? 1 : 0) : num / den;
}

/** Overlap scores of confusion counts, with the empty-mask rule applied. */
export function overlapScores(c: Confusion): OverlapScores {
  const { tp, fp, fn, tn } = c;
  const bothEmpty = tp + fp + fn === 0;
  const total = tp + fp + fn + tn;
  return {
    dice: ratio(2 * tp, 2 * tp + fp + fn, bothEmpty),
    iou: ratio(tp, tp + fp + fn, bothEmpty),
    precision: ratio(tp, tp + fp, bothEmpty),
    recall: ratio(tp, tp + fn, bothEmpty),
    accuracy: total === 0 ? 1 : (tp + tn) / total,
  };
}

/** Volume of one voxel in millilitres (spacing in mm; 1 mL = 1000 mm³). */
export function voxelMl(spacing: Grid3): number {
  return (spacing[0] * spacing[1] * spacing[2]) / 1000;
}

/** Predicted and manual volumes (mL) from confusion counts. */
export function volumesMl(c: Confusion, spacing: Grid3): { predictedMl: number; manualMl: number } {
  const v = voxelMl(spacing);
  return { predictedMl: (c.tp + c.fp) * v, manualMl: (c.tp + c.fn) * v };
}
