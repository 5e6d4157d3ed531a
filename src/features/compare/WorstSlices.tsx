/**
 * The slices where the models do worst on the shown case: lowest Dice of either model,
 * among slices where the label or a prediction has foreground, each with a button that
 * shows it.
 */
import type { SliceScore } from '../../eval/metrics';
import { worstRows } from './worst-slices';

interface Props {
  a: readonly SliceScore[] | undefined;
  b: readonly SliceScore[] | undefined;
  onPick: (k: number) => void;
  limit?: number;
}

const fmt = (d: number | null) => (d === null ? 'n/a' : d.toFixed(3));

export function WorstSlices({ a, b, onPick, limit = 5 }: Props) {
  const rows = worstRows(a, b, limit);
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
              <span>
                A {fmt(r.a)} · B {fmt(r.b)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
