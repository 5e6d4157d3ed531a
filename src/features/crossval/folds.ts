/**
 * k-fold cross-validation plans, by case: every case is held out by exactly one fold,
 * whose model never sees it, so the held-out (out-of-fold) predictions score every case
 * once. Folds are stratified by label volume when every case has one (a fold of only
 * small glands would score differently from a fold of large ones), else drawn at random.
 * Each fold's model picks its best epoch on an inner validation set taken from its own
 * training cases, never from the held-out fold. Pure and seeded: the same cases, K and
 * seed always give the same plan, whatever order the cases come in.
 */
import { createRng, shuffleInPlace } from '../../ml/data/rng';
import { splitCases } from '../../ml/data/split';

/** A case to distribute: its name and foreground volume (any unit; null when unknown). */
export interface FoldCandidate {
  name: string;
  volume: number | null;
}

/** One fold: the cases its model is scored on, trained on and validated on. */
export interface Fold {
  /** 0-based. */
  index: number;
  /** Cases the fold's model never sees in training: its out-of-fold cases. */
  heldOut: string[];
  train: string[];
  /** Inner validation (best epoch, early stopping), taken from the training cases. */
  val: string[];
}

export interface FoldPlan {
  k: number;
  seed: number;
  /** Whether the folds were balanced by label volume. */
  stratified: boolean;
  folds: Fold[];
}

/** Why `k` folds cannot be made of `n` cases, or null. */
export function foldsProblem(n: number, k: number): string | null {
  if (!Number.isInteger(k) || k < 2) return `K must be a whole number of at least 2, got ${k}`;
  if (n < k) return `${k} folds need at least ${k} labelled cases; there are ${n}`;
  return null;
}

/**
 * The held-out cases of each of `k` folds (fold i: entry i). Stratified: cases sorted by
 * volume are dealt in blocks of k, each block spread over the folds in a seeded order, so
 * every fold gets one case of each volume band and fold sizes differ by at most one.
 */
export function assignFolds(cases: readonly FoldCandidate[], k: number, seed: number): string[][] {
  const problem = foldsProblem(cases.length, k);
  if (problem) throw new RangeError(problem);
  const names = new Set(cases.map((c) => c.name));
  if (names.size !== cases.length) throw new Error('assignFolds: case names must be unique');
  const rng = createRng(seed);
  const byName = [...cases].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const folds: string[][] = Array.from({ length: k }, () => []);
  if (!isStratifiable(cases)) {
    shuffleInPlace(byName, rng).forEach((c, i) => folds[i % k].push(c.name));
    return folds.map((f) => f.sort());
  }
  // Stable on names, so equal volumes still give one answer.
  const ordered = byName.sort((a, b) => (a.volume as number) - (b.volume as number));
  for (let start = 0; start < ordered.length; start += k) {
    const order = shuffleInPlace(
      Array.from({ length: k }, (_, i) => i),
      rng,
    );
    // The last, partial block goes to the folds that are smallest so far (all are equal).
    ordered.slice(start, start + k).forEach((c, i) => folds[order[i]].push(c.name));
  }
  return folds.map((f) => f.sort());
}

/** Whether every case has a usable volume to stratify on. */
export function isStratifiable(cases: readonly FoldCandidate[]): boolean {
  return cases.every((c) => c.volume !== null && Number.isFinite(c.volume));
}

/**
 * A full plan: each fold's held-out cases, and its training cases with a share
 * `valFraction` of them (by case, seeded per fold) held back for inner validation.
 */
export function planFolds(
  cases: readonly FoldCandidate[],
  k: number,
  seed: number,
  valFraction = 0.15,
): FoldPlan {
  const heldOut = assignFolds(cases, k, seed);
  const folds = heldOut.map((out, index): Fold => {
    const rest = cases.map((c) => c.name).filter((n) => !out.includes(n));
    if (valFraction <= 0 || rest.length < 2) {
      return { index, heldOut: out, train: [...rest].sort(), val: [] };
    }
    const split = splitCases(
      rest,
      { train: 1 - valFraction, val: valFraction, test: 0 },
      seed + index + 1,
    );
    return { index, heldOut: out, train: split.train.sort(), val: split.val.sort() };
  });
  return { k, seed, stratified: isStratifiable(cases), folds };
}

/** Mean and sample standard deviation (n - 1) of the finite values; sd null below two. */
export function meanSd(values: readonly (number | null)[]): {
  mean: number | null;
  sd: number | null;
  n: number;
} {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return { mean: null, sd: null, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  if (v.length < 2) return { mean, sd: null, n: 1 };
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (v.length - 1)), n: v.length };
}
