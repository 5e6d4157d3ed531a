/**
 * Which slices to look at first: the lowest Dice of either model, among slices where the
 * label or a prediction has foreground (the others have no Dice).
 */
import type { SliceScore } from '../../eval/metrics';

export interface WorstRow {
  k: number;
  a: number | null;
  b: number | null;
  worst: number;
}

/** Slices ordered by the lower of the two Dice scores (ties: lower slice first). */
export function worstRows(
  a: readonly SliceScore[] | undefined,
  b: readonly SliceScore[] | undefined,
  limit: number,
): WorstRow[] {
  const n = Math.max(a?.length ?? 0, b?.length ?? 0);
  const rows: WorstRow[] = [];
  for (let k = 0; k < n; k++) {
    const da = a?.[k]?.dice ?? null;
    const db = b?.[k]?.dice ?? null;
    const scores = [da, db].filter((d): d is number => d !== null);
    if (scores.length) rows.push({ k, a: da, b: db, worst: Math.min(...scores) });
  }
  return rows.sort((x, y) => x.worst - y.worst || x.k - y.k).slice(0, limit);
}
