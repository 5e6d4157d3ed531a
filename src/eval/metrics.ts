/**
 * Segmentation metrics for comparing models against manual masks: the public entry of
 * `src/eval`. Pure functions on typed arrays (no tfjs, no DOM), so the compare view, the
 * bench and Node tests compute every score the same way. Surface distances are in mm on
 * the grid's own anisotropic spacing; volumes are in mL.
 */
import type { Grid3 } from './edt';
import { confusion, confusionRange, overlapScores, volumesMl, type OverlapScores } from './overlap';
import { sliceSurfaceDistances, surfaceDistances, type SurfaceDistances } from './surface';
import { summarize, type Summary } from './summary';

export { squaredDistanceTransform, type Grid3 } from './edt';
export {
  assd,
  hd95,
  percentileSorted,
  sliceSurfaceDistances,
  surfaceDistances,
  surfaceMask,
  type SurfaceDistances,
} from './surface';
export {
  confusion,
  confusionRange,
  overlapScores,
  voxelMl,
  volumesMl,
  type Confusion,
  type OverlapScores,
} from './overlap';
export { median, summarize, type Summary } from './summary';

/**
 * How empty masks are scored, worded for display next to the figures. The rule: when
 * manual and predicted masks are both empty, the prediction is perfect; when exactly one
 * is empty, overlap scores are 0 and surface distances do not exist.
 */
export const EMPTY_MASK_RULES =
  'Empty masks: when manual and predicted masks are both empty, Dice, IoU, precision and ' +
  'recall are 1 and HD95 and ASSD are 0 mm. When only one of them is empty, Dice, IoU, ' +
  'precision and recall are 0, and HD95 and ASSD are undefined: shown as n/a and left out ' +
  'of means, medians and maxima (n counts the cases that entered). Per-slice Dice skips ' +
  'slices where both are empty. Surfaces are foreground voxels with a background face ' +
  'neighbour (6 in 3-D); HD95 is the 95th percentile and ASSD the mean of the distances ' +
  'from each surface to the other, pooled, in mm.';

/** Every score of one binary prediction against its manual mask. */
export interface MaskScores extends OverlapScores, SurfaceDistances {
  predictedMl: number;
  manualMl: number;
  predictedVoxels: number;
  manualVoxels: number;
}

/** Overlap, surface distances (3-D) and volumes of a binary prediction (non-zero = foreground). */
export function scoreMasks(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  dims: Grid3,
  spacing: Grid3,
): MaskScores {
  const c = confusion(predicted, truth);
  return {
    ...overlapScores(c),
    ...surfaceDistances(predicted, truth, dims, spacing),
    ...volumesMl(c, spacing),
    predictedVoxels: c.tp + c.fp,
    manualVoxels: c.tp + c.fn,
  };
}

/** One structure to score: which label values make it up in the prediction and in the label. */
export interface ClassSpec {
  name: string;
  /** Label values of the prediction that belong to the structure. */
  predictedValues: readonly number[];
  /** Raw values of the manual label that belong to the structure. */
  manualValues: readonly number[];
}

/** 1 where a label value (rounded) is one of `values`. */
export function maskOf(labels: ArrayLike<number>, values: readonly number[]): Uint8Array {
  const wanted = new Set(values.map(Math.round));
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = wanted.has(Math.round(labels[i])) ? 1 : 0;
  return out;
}

/** Scores of one structure of a label map. */
export interface ClassScores extends MaskScores {
  name: string;
}

/** Scores per structure of a (multi-class) predicted label map against the manual one. */
export function scoreLabelMaps(
  predicted: ArrayLike<number>,
  manual: ArrayLike<number>,
  dims: Grid3,
  spacing: Grid3,
  classes: readonly ClassSpec[],
): ClassScores[] {
  return classes.map((c) => ({
    name: c.name,
    ...scoreMasks(
      maskOf(predicted, c.predictedValues),
      maskOf(manual, c.manualValues),
      dims,
      spacing,
    ),
  }));
}

/** Scores of one axial slice (2-D). */
export interface SliceScore {
  /** Axial slice index, 0-based. */
  k: number;
  /** Null when manual and predicted masks are both empty on this slice. */
  dice: number | null;
  predictedVoxels: number;
  manualVoxels: number;
  /** In-plane HD95 (mm), when asked for; null when one mask is empty on the slice. */
  hd95: number | null;
}

/** Dice (and optionally in-plane HD95) of every axial slice of a binary prediction. */
export function sliceScores(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  dims: Grid3,
  spacing: Grid3,
  options: { distances?: boolean } = {},
): SliceScore[] {
  const plane = dims[0] * dims[1];
  const out: SliceScore[] = [];
  for (let k = 0; k < dims[2]; k++) {
    const c = confusionRange(predicted, truth, k * plane, (k + 1) * plane);
    const empty = c.tp + c.fp + c.fn === 0;
    const hd =
      options.distances && !empty
        ? sliceSurfaceDistances(predicted, truth, dims, spacing, k).hd95
        : null;
    out.push({
      k,
      dice: empty ? null : overlapScores(c).dice,
      predictedVoxels: c.tp + c.fp,
      manualVoxels: c.tp + c.fn,
      hd95: hd,
    });
  }
  return out;
}

/** The `n` slices with the lowest Dice among those with foreground (ties: lower k first). */
export function worstSlices(slices: readonly SliceScore[], n: number): SliceScore[] {
  return slices
    .filter((s) => s.dice !== null)
    .sort((a, b) => (a.dice as number) - (b.dice as number) || a.k - b.k)
    .slice(0, Math.max(0, n));
}

/** Metrics that are summarized over cases. */
export const METRIC_KEYS = [
  'dice',
  'iou',
  'precision',
  'recall',
  'accuracy',
  'hd95',
  'assd',
  'predictedMl',
  'manualMl',
] as const satisfies readonly (keyof MaskScores)[];
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Mean, median, max (and min, n) of each metric over cases; nulls are left out. */
export function summarizeScores(scores: readonly MaskScores[]): Record<MetricKey, Summary> {
  const out = {} as Record<MetricKey, Summary>;
  for (const key of METRIC_KEYS) out[key] = summarize(scores.map((s) => s[key]));
  return out;
}
