/**
 * The shape of a finished comparison: two or more models, the cases all predicted, every
 * score per case, structure and slice, and the timings. Plain data, so it can be kept in a
 * store, rendered, and exported as JSON without conversion.
 */
import type { ClassScores, Grid3, SliceScore } from '../../eval/metrics';
import type { TargetSpec } from '../../ml/data/target';
import type { Split } from '../../store';

/** A model's letter in the comparison (A, B, C, ...), which also picks its colour. */
export type Side = string;

/** A model as the comparison reports it. */
export interface ModelInfo {
  side: Side;
  runId: string;
  name: string;
  architecture: string;
  params: { trainable: number; nonTrainable: number } | null;
  /** Byte length of the saved weights (the .bin file on disk); an ensemble's members' sum. */
  sizeBytes: number | null;
  target: TargetSpec;
  /** Mirror-averaged (test-time augmentation): its plain twin is the same run without. */
  tta: boolean;
  /** Where its predictions are kept in the store. */
  key: string;
  /** Models averaged, for an ensemble. */
  ensembleOf?: number;
  /** Folds, for out-of-fold predictions of a cross-validation. */
  outOfFoldOf?: number;
}

/** Inference time of one case, measured after a warm-up prediction. */
export interface CaseTiming {
  /** As the engine measured it (inference on its backend, resampling included). */
  msPerSlice: number;
  totalMs: number;
  /** Round trip seen by the page: transfer to and from the worker included. */
  wallMs: number;
}

/** One model's prediction of one case, scored. */
export interface CaseEvaluation {
  caseName: string;
  split: Split;
  dims: Grid3;
  spacing: Grid3;
  timing: CaseTiming;
  /** One entry per structure of the model's target (a single one for binary targets). */
  classes: ClassScores[];
  /** Per axial slice, all structures together as foreground. */
  slices: SliceScore[];
}

export interface ModelResult {
  model: ModelInfo;
  cases: CaseEvaluation[];
}

export interface ComparisonResult {
  /** Compute backend the timings were taken on. */
  backend: string;
  createdAt: string;
  caseNames: string[];
  models: ModelResult[];
}
