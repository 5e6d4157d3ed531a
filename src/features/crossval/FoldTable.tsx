/**
 * The cross-validation table in the Train panel: one row per fold (its held-out cases
 * only), the mean ± standard deviation of each column across folds, and every case
 * pooled. Compact, to fit the panel: scores to 3 decimals, distances in mm to 1.
 */
import { FOLD_COLUMNS, type FoldColumn, type FoldRow } from './fold-table';
import type { StudyResults } from './study';

const HEAD: Record<FoldColumn, string> = {
  diceMean: 'Dice mean',
  diceMedian: 'Dice median',
  diceMax: 'Dice max',
  iou: 'IoU',
  hd95: 'HD95 (mm)',
  assd: 'ASSD (mm)',
};

function format(column: FoldColumn, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return column === 'hd95' || column === 'assd' ? v.toFixed(1) : v.toFixed(3);
}

function Cells({ row }: { row: FoldRow }) {
  return FOLD_COLUMNS.map((c) => <td key={c}>{format(c, row.values[c])}</td>);
}

export function FoldTable({ name, results }: { name: string; results: StudyResults }) {
  const { table, tta } = results;
  return (
    <table className="fold-table" aria-label={`Cross-validation results ${name}`}>
      <caption>
        Held-out cases, each segmented by the fold model that never saw it
        {tta ? ', mirror-averaged' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Fold</th>
          <th scope="col">Cases</th>
          {FOLD_COLUMNS.map((c) => (
            <th key={c} scope="col">
              {HEAD[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.folds.map((f) => (
          <tr key={f.fold}>
            <th scope="row">{(f.fold ?? 0) + 1}</th>
            <td>{f.cases.length}</td>
            <Cells row={f} />
          </tr>
        ))}
        <tr className="fold-spread">
          <th scope="row">Mean ± SD</th>
          <td />
          {FOLD_COLUMNS.map((c) => (
            <td key={c}>
              {format(c, table.acrossFolds[c].mean)}
              <br />± {format(c, table.acrossFolds[c].sd)}
            </td>
          ))}
        </tr>
        <tr className="fold-pooled">
          <th scope="row">Pooled</th>
          <td>{table.pooled.cases.length}</td>
          <Cells row={table.pooled} />
        </tr>
      </tbody>
    </table>
  );
}
