/**
 * Which slices to look at first: the lowest Dice of any compared model, among slices where
 * the label or a prediction has foreground (the others have no Dice); among equal Dice
 * (many slices score 0), the one with more wrong voxels first, so that a gland missed
 * entirely comes before a few stray voxels past its end.
 */
import type { SliceScore } from '../../eval/metrics';

export interface WorstRow {
  k: number;
  /** Each model's Dice on the slice, in comparison order (null: no foreground). */
  dice: (number | null)[];
  worst: number;
  /** The most voxels any model got wrong on the slice (missed plus extra). */
  wrongVoxels: number;
}

/** Voxels a prediction got wrong on a slice: (P + M)(1 - Dice) = missed + extra. */
function wrongVoxels(s: SliceScore | undefined): number {
  return s?.dice == null ? 0 : Math.round((s.predictedVoxels + s.manualVoxels) * (1 - s.dice));
}

/**
 * Slices ordered by the lowest of the models' Dice scores (ties: more wrong voxels first,
 * then the lower slice).
 */
export function worstRows(
  models: readonly (readonly SliceScore[] | undefined)[],
  limit: number,
): WorstRow[] {
  const n = Math.max(0, ...models.map((m) => m?.length ?? 0));
  const rows: WorstRow[] = [];
  for (let k = 0; k < n; k++) {
    const dice = models.map((m) => m?.[k]?.dice ?? null);
    const scores = dice.filter((d): d is number => d !== null);
    if (scores.length === 0) continue;
    const wrong = Math.max(...models.map((m) => wrongVoxels(m?.[k])));
    rows.push({ k, dice, worst: Math.min(...scores), wrongVoxels: wrong });
  }
  return rows
    .sort((x, y) => x.worst - y.worst || y.wrongVoxels - x.wrongVoxels || x.k - y.k)
    .slice(0, limit);
}
