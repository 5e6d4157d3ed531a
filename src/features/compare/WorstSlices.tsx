/**
 * The slices where the models do worst on the shown case: lowest Dice of any model, among
 * slices where the label or a prediction has foreground, each with a button that shows it.
 */
import type { SliceSeries } from './SliceDiceChart';
import { worstRows } from './worst-slices';

interface Props {
  series: readonly SliceSeries[];
  onPick: (k: number) => void;
  limit?: number;
}

const fmt = (d: number | null) => (d === null ? 'n/a' : d.toFixed(3));

export function WorstSlices({ series, onPick, limit = 5 }: Props) {
  const rows = worstRows(
    series.map((s) => s.slices),
    limit,
  );
  return (
    <section aria-label="Worst slices">
      <h3>Worst slices</h3>
      {rows.length === 0 ? (
        <p className="muted">No slice with foreground yet.</p>
      ) : (
        <ol className="compare-worst">
          {rows.map((r) => (
            <li key={r.k}>
              <button aria-label={`Go to slice ${r.k + 1}`} onClick={() => onPick(r.k)}>
                Slice {r.k + 1}
              </button>
              <span>{series.map((s, i) => `${s.letter} ${fmt(r.dice[i])}`).join(' · ')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
