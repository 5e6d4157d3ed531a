/**
 * How the eval command reports scores: per-case tables, the summaries that go into the
 * JSON results (each metric's mean, median, min and max), the effect of test-time
 * augmentation, and the cross-validation table with its spread across folds.
 */
import type { CaseResult } from '../../src/bench/api';
import { summarize } from '../../src/bench/stats';
import {
  FOLD_COLUMNS,
  type FoldColumn,
  type FoldRow,
  type FoldTable,
} from '../../src/features/crossval/fold-table';
import { columns, ms, score } from './format';

/** Each score's summary over cases, as the JSON results give it. */
export function scoreSummaries(results: readonly CaseResult[]) {
  const metric = (k: keyof CaseResult) => summarize(results.map((r) => r[k] as number | null));
  return {
    dice: metric('dice'),
    iou: metric('iou'),
    precision: metric('precision'),
    recall: metric('recall'),
    hd95: metric('hd95'),
    assd: metric('assd'),
    msPerSlice: metric('msPerSlice'),
  };
}

/** Per-case scores, then the Dice mean, median and max. */
export function printScores(log: (line: string) => void, results: readonly CaseResult[]): void {
  const rows = results.map((r) => [
    r.name,
    score(r.dice),
    score(r.iou),
    score(r.precision),
    score(r.recall),
    score(r.hd95),
    score(r.assd),
    `${ms(r.msPerSlice)} ms/slice`,
  ]);
  log(columns([['case', 'Dice', 'IoU', 'prec', 'recall', 'HD95', 'ASSD', 'inference'], ...rows]));
  const d = summarize(results.map((r) => r.dice));
  log(`Dice mean ${score(d.mean)}  median ${score(d.median)}  max ${score(d.max)}  (n=${d.n})`);
}

/** The same cases without and with mirror averaging: Dice change and time cost. */
export function ttaEffect(plain: readonly CaseResult[], tta: readonly CaseResult[]) {
  const a = scoreSummaries(plain);
  const b = scoreSummaries(tta);
  return {
    diceMean: { plain: a.dice.mean, tta: b.dice.mean, change: b.dice.mean - a.dice.mean },
    msPerSlice: {
      plain: a.msPerSlice.mean,
      tta: b.msPerSlice.mean,
      extra: b.msPerSlice.mean - a.msPerSlice.mean,
      ratio: b.msPerSlice.mean / a.msPerSlice.mean,
    },
  };
}

export function printTtaEffect(
  log: (line: string) => void,
  plain: readonly CaseResult[],
  tta: readonly CaseResult[],
): void {
  const e = ttaEffect(plain, tta);
  const sign = e.diceMean.change >= 0 ? '+' : '';
  log(
    `test-time augmentation (mirror images): Dice mean ${score(e.diceMean.plain)} -> ` +
      `${score(e.diceMean.tta)} (${sign}${e.diceMean.change.toFixed(3)}), ` +
      `${ms(e.msPerSlice.plain)} -> ${ms(e.msPerSlice.tta)} ms/slice (x${e.msPerSlice.ratio.toFixed(1)})`,
  );
}

const HEAD: Record<FoldColumn, string> = {
  diceMean: 'Dice mean',
  diceMedian: 'median',
  diceMax: 'max',
  iou: 'IoU',
  hd95: 'HD95 mm',
  assd: 'ASSD mm',
};

/** The fold table as console columns: folds, mean ± sd across folds, pooled. */
export function printFoldTable(log: (line: string) => void, t: FoldTable): void {
  const cells = (r: FoldRow) => FOLD_COLUMNS.map((c) => score(r.values[c]));
  const rows = [
    ['', 'cases', ...FOLD_COLUMNS.map((c) => HEAD[c])],
    ...t.folds.map((f) => [`fold ${(f.fold ?? 0) + 1}`, String(f.cases.length), ...cells(f)]),
    [
      'mean ± sd',
      '',
      ...FOLD_COLUMNS.map((c) => {
        const { mean, sd } = t.acrossFolds[c];
        return `${score(mean)} ± ${score(sd)}`;
      }),
    ],
    ['pooled', String(t.pooled.cases.length), ...cells(t.pooled)],
  ];
  log(columns(rows));
}
