/**
 * How well a model's prediction agrees with a corrected label, on the slices the user
 * reviewed (the rest of a partly corrected scan is not known to be right, so it is not
 * scored). Dice of the foreground values of the target, with the studio's empty-mask rule:
 * nothing predicted where nothing is drawn scores 1. Pure.
 */
import { confusionRange, overlapScores } from '../../eval/overlap';
import type { TargetSpec } from '../../ml/data/target';
import type { Dims3 } from '../../ml/types';
import { isReviewed, type Reviewed } from './reviewed';

/** Which values are foreground in a label, and in a prediction of it. */
export interface ForegroundValues {
  label: readonly number[];
  /** A binary model predicts a 0/1 mask, whatever values it learnt from. */
  predicted: readonly number[];
}

/** The foreground values of a target, for labels and for predictions. */
export function foregroundOf(target: TargetSpec): ForegroundValues {
  return target.mode === 'binary'
    ? { label: target.foregroundValues, predicted: [1] }
    : { label: target.values, predicted: target.values };
}

function mask(a: ArrayLike<number>, values: readonly number[]): Uint8Array {
  const fg = new Set(values);
  const m = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) m[i] = fg.has(Math.round(a[i])) ? 1 : 0;
  return m;
}

/** Dice of `predicted` against `label` over the reviewed slices; null if none is reviewed. */
export function reviewedDice(
  predicted: ArrayLike<number>,
  label: ArrayLike<number>,
  dims: Dims3,
  reviewed: Reviewed,
  foreground: ForegroundValues,
): number | null {
  const plane = dims[0] * dims[1];
  const p = mask(predicted, foreground.predicted);
  const t = mask(label, foreground.label);
  const total = { tp: 0, fp: 0, fn: 0, tn: 0 };
  let slices = 0;
  for (let z = 0; z < dims[2]; z++) {
    if (!isReviewed(reviewed, z)) continue;
    slices++;
    const c = confusionRange(p, t, z * plane, (z + 1) * plane);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.tn += c.tn;
  }
  return slices === 0 ? null : overlapScores(total).dice;
}
