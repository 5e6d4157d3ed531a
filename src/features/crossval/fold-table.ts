/**
 * The cross-validation table: per fold, the scores of its held-out cases (Dice mean,
 * median and max as seed 001 reports them; IoU, HD95 and ASSD means), then the mean and
 * standard deviation of each column across folds (how much the estimate moves with the
 * split), then every case pooled. Pure, shared by the Train panel and `npm run eval`.
 */
import { summarize } from '../../eval/summary';
import { meanSd } from './folds';

/** One held-out case's scores and the fold that held it out. */
export interface FoldCaseScore {
  case: string;
  fold: number;
  dice: number;
  iou: number;
  /** Millimetres; null when a mask is empty. */
  hd95: number | null;
  assd: number | null;
}

/** The table's columns, in order. */
export const FOLD_COLUMNS = ['diceMean', 'diceMedian', 'diceMax', 'iou', 'hd95', 'assd'] as const;
export type FoldColumn = (typeof FOLD_COLUMNS)[number];

/** A row: a fold's cases, or all cases pooled. */
export interface FoldRow {
  /** 0-based fold, or null for the pooled row. */
  fold: number | null;
  cases: string[];
  values: Record<FoldColumn, number | null>;
}

export interface FoldTable {
  folds: FoldRow[];
  /** Mean and standard deviation of each column over the folds' values. */
  acrossFolds: Record<FoldColumn, { mean: number | null; sd: number | null }>;
  pooled: FoldRow;
}

/**
 * One case's table entry from its per-structure scores: each metric averaged over the
 * structures (surface distances over those where they are defined).
 */
export function foldScoreOf(
  caseName: string,
  fold: number,
  structures: readonly { dice: number; iou: number; hd95: number | null; assd: number | null }[],
): FoldCaseScore {
  const mean = (key: 'dice' | 'iou' | 'hd95' | 'assd') =>
    summarize(structures.map((s) => s[key])).mean;
  return {
    case: caseName,
    fold,
    dice: mean('dice') ?? 0,
    iou: mean('iou') ?? 0,
    hd95: mean('hd95'),
    assd: mean('assd'),
  };
}

function row(fold: number | null, scores: readonly FoldCaseScore[]): FoldRow {
  const dice = summarize(scores.map((s) => s.dice));
  const mean = (key: 'iou' | 'hd95' | 'assd') => summarize(scores.map((s) => s[key])).mean;
  return {
    fold,
    cases: scores.map((s) => s.case),
    values: {
      diceMean: dice.mean,
      diceMedian: dice.median,
      diceMax: dice.max,
      iou: mean('iou'),
      hd95: mean('hd95'),
      assd: mean('assd'),
    },
  };
}

/** The table of `k` folds from the held-out scores (a fold without scores has empty values). */
export function foldTable(scores: readonly FoldCaseScore[], k: number): FoldTable {
  const folds = Array.from({ length: k }, (_, i) =>
    row(
      i,
      scores.filter((s) => s.fold === i),
    ),
  );
  const scored = folds.filter((f) => f.cases.length > 0);
  const acrossFolds = Object.fromEntries(
    FOLD_COLUMNS.map((c) => {
      const { mean, sd } = meanSd(scored.map((f) => f.values[c]));
      return [c, { mean, sd }];
    }),
  ) as FoldTable['acrossFolds'];
  return { folds, acrossFolds, pooled: row(null, scores) };
}
