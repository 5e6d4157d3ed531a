/**
 * Splitting cases into train / validation / test. Splits are made by case, never by
 * slice: neighbouring slices of one patient are nearly identical, so a slice-level split
 * would leak training data into the validation score.
 */
import { createRng, shuffleInPlace } from './rng';

/** Fractions of cases per split; they are normalized, so they need not sum to 1. */
export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}

/** Case names per split; every input name appears in exactly one list. */
export interface CaseSplit {
  train: string[];
  val: string[];
  test: string[];
}

/**
 * Deterministically splits case `names` by `fractions`. The result depends only on the
 * set of names (their input order is irrelevant) and `seed`. Every split with a positive
 * fraction gets at least one case while the training split keeps at least one.
 */
export function splitCases(
  names: readonly string[],
  fractions: SplitFractions,
  seed: number,
): CaseSplit {
  const unique = [...new Set(names)].sort();
  if (unique.length !== names.length) throw new Error('splitCases: case names must be unique');
  for (const f of [fractions.train, fractions.val, fractions.test]) {
    if (!(f >= 0) || !Number.isFinite(f)) throw new RangeError('split fractions must be >= 0');
  }
  const total = fractions.train + fractions.val + fractions.test;
  if (total <= 0) throw new RangeError('split fractions must not all be 0');
  const order = shuffleInPlace(unique, createRng(seed));
  const n = order.length;
  let nVal = Math.round((n * fractions.val) / total);
  let nTest = Math.round((n * fractions.test) / total);
  if (fractions.val > 0 && nVal === 0 && n - nTest >= 2) nVal = 1;
  if (fractions.test > 0 && nTest === 0 && n - nVal >= 2) nTest = 1;
  // The training split must keep at least one case when it asks for any.
  while (fractions.train > 0 && nVal + nTest >= n && n > 0) {
    if (nTest >= nVal && nTest > 0) nTest--;
    else nVal--;
  }
  if (fractions.train === 0) nTest = n - nVal;
  return {
    val: order.slice(0, nVal),
    test: order.slice(nVal, nVal + nTest),
    train: order.slice(nVal + nTest),
  };
}
