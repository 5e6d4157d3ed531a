/**
 * Which slices to look at first: the lowest Dice of any compared model, among slices where
 * the label or a prediction has foreground (the others have no Dice).
 */
import type { SliceScore } from '../../eval/metrics';

export interface WorstRow {
  k: number;
  /** Each model's Dice on the slice, in comparison order (null: no foreground). */
  dice: (number | null)[];
  worst: number;
}

/** Slices ordered by the lowest of the models' Dice scores (ties: lower slice first). */
export function worstRows(
  models: readonly (readonly SliceScore[] | undefined)[],
  limit: number,
): WorstRow[] {
  const n = Math.max(0, ...models.map((m) => m?.length ?? 0));
  const rows: WorstRow[] = [];
  for (let k = 0; k < n; k++) {
    const dice = models.map((m) => m?.[k]?.dice ?? null);
    const scores = dice.filter((d): d is number => d !== null);
    if (scores.length) rows.push({ k, dice, worst: Math.min(...scores) });
  }
  return rows.sort((x, y) => x.worst - y.worst || x.k - y.k).slice(0, limit);
}
