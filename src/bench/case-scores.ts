/**
 * Scores a predicted segmentation against its label, foreground against background:
 * Dice, IoU, precision and recall from the voxel confusion counts, plus surface
 * distances when a distance function is supplied. The convention for empty masks follows
 * the training loss: an empty label predicted empty is a perfect match.
 */
import { encodeLabels, type TargetSpec } from '../ml/data/target';
import type { CaseScores } from './api';

/** Surface distances (mm) between two binary masks on a grid; null where undefined. */
export type DistanceFn = (
  predicted: Uint8Array,
  truth: Uint8Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
) => { hd95: number | null; assd: number | null };

/** Voxel confusion counts of a binary prediction. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
}

/** 1 where a raw label value is foreground for `target` (any learnt class), else 0. */
export function truthMask(label: ArrayLike<number>, target: TargetSpec): Uint8Array {
  const classes = encodeLabels(label, target);
  for (let i = 0; i < classes.length; i++) classes[i] = classes[i] > 0 ? 1 : 0;
  return classes;
}

/** 1 where a predicted label value is not background. */
export function predictedMask(labels: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] !== 0 ? 1 : 0;
  return out;
}

/** Counts true positives, false positives and false negatives. */
export function confusion(predicted: Uint8Array, truth: Uint8Array): Confusion {
  if (predicted.length !== truth.length) {
    throw new RangeError(`masks differ in size: ${predicted.length} vs ${truth.length}`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] !== 0;
    const t = truth[i] !== 0;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return { tp, fp, fn };
}

/** A ratio whose 0/0 case is 1 when the prediction agrees that nothing is there. */
function ratio(num: number, den: number, emptyAgrees: boolean): number {
  return den === 0 ? (emptyAgrees ? 1 : 0) : num / den;
}

/** Overlap scores from confusion counts. */
export function overlapScores(c: Confusion): Omit<CaseScores, 'hd95' | 'assd'> {
  const { tp, fp, fn } = c;
  const nothing = tp + fp + fn === 0;
  return {
    dice: ratio(2 * tp, 2 * tp + fp + fn, nothing),
    iou: ratio(tp, tp + fp + fn, nothing),
    precision: ratio(tp, tp + fp, fn === 0),
    recall: ratio(tp, tp + fn, fp === 0),
  };
}

/** Every score of a prediction; surface distances only when `distance` is given. */
export function scoreMasks(
  predicted: Uint8Array,
  truth: Uint8Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
  distance?: DistanceFn,
): CaseScores {
  const overlap = overlapScores(confusion(predicted, truth));
  const surface = distance ? distance(predicted, truth, dims, spacing) : null;
  return { ...overlap, hd95: surface?.hd95 ?? null, assd: surface?.assd ?? null };
}
