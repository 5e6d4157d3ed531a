import { describe, expect, it } from 'vitest';
import { assignFolds, foldsProblem, meanSd, planFolds, type FoldCandidate } from './folds';

/** 23 cases whose volumes are not in name order (so stratification has work to do). */
const CASES: FoldCandidate[] = Array.from({ length: 23 }, (_, i) => ({
  name: `case${String(i).padStart(2, '0')}`,
  volume: ((i * 7) % 23) * 3 + 10,
}));

const sorted = (xs: string[]) => [...xs].sort();

describe('assignFolds', () => {
  it('holds out every case in exactly one fold, by case, with sizes within one', () => {
    for (const k of [2, 3, 5, 23]) {
      for (const seed of [1, 42]) {
        const folds = assignFolds(CASES, k, seed);
        expect(folds).toHaveLength(k);
        const all = folds.flat();
        expect(sorted(all)).toEqual(sorted(CASES.map((c) => c.name)));
        expect(new Set(all).size).toBe(CASES.length);
        const sizes = folds.map((f) => f.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('stratifies by label volume: each band of K cases by volume spreads over all folds', () => {
    const k = 5;
    const folds = assignFolds(CASES, k, 7);
    const foldOf = new Map(folds.flatMap((f, i) => f.map((n) => [n, i] as const)));
    const byVolume = [...CASES].sort((a, b) => (a.volume as number) - (b.volume as number));
    for (let start = 0; start + k <= byVolume.length; start += k) {
      const band = byVolume.slice(start, start + k).map((c) => foldOf.get(c.name));
      expect(sorted(band.map(String))).toEqual(['0', '1', '2', '3', '4']);
    }
    // So the folds' mean volumes lie close together, unlike a split by name order.
    const vol = new Map(CASES.map((c) => [c.name, c.volume as number]));
    const means = folds.map((f) => f.reduce((s, n) => s + (vol.get(n) ?? 0), 0) / f.length);
    expect(Math.max(...means) - Math.min(...means)).toBeLessThan(12);
  });

  it('is deterministic, independent of input order, and changes with the seed', () => {
    const a = assignFolds(CASES, 4, 3);
    expect(assignFolds([...CASES].reverse(), 4, 3)).toEqual(a);
    expect(assignFolds(CASES, 4, 4)).not.toEqual(a);
  });

  it('draws folds at random when some case has no label volume', () => {
    const partial = CASES.map((c, i) => (i === 3 ? { ...c, volume: null } : c));
    const folds = assignFolds(partial, 3, 1);
    expect(sorted(folds.flat())).toEqual(sorted(CASES.map((c) => c.name)));
    expect(planFolds(partial, 3, 1).stratified).toBe(false);
    expect(planFolds(CASES, 3, 1).stratified).toBe(true);
  });

  it('refuses too few cases, a K below 2 and duplicate names', () => {
    expect(foldsProblem(3, 5)).toMatch(/at least 5/);
    expect(foldsProblem(5, 1)).toMatch(/at least 2/);
    expect(foldsProblem(5, 5)).toBeNull();
    expect(() => assignFolds(CASES.slice(0, 2), 3, 1)).toThrow(RangeError);
    expect(() => assignFolds([CASES[0], CASES[0]], 2, 1)).toThrow(/unique/);
  });
});

describe('planFolds', () => {
  it('trains each fold on the other folds, validating on some of them, never on its own', () => {
    const plan = planFolds(CASES, 5, 42);
    for (const f of plan.folds) {
      expect(f.train.some((n) => f.heldOut.includes(n))).toBe(false);
      expect(f.val.some((n) => f.heldOut.includes(n) || f.train.includes(n))).toBe(false);
      expect(sorted([...f.heldOut, ...f.train, ...f.val])).toEqual(
        sorted(CASES.map((c) => c.name)),
      );
      expect(f.val.length).toBe(Math.round((CASES.length - f.heldOut.length) * 0.15));
    }
    const noVal = planFolds(CASES.slice(0, 4), 2, 1, 0);
    expect(noVal.folds.every((f) => f.val.length === 0 && f.train.length === 2)).toBe(true);
  });
});

describe('meanSd', () => {
  it('gives the sample standard deviation and skips undefined values', () => {
    const r = meanSd([0.8, null, 0.9, 0.7]);
    expect(r.mean).toBeCloseTo(0.8, 12);
    expect(r.sd).toBeCloseTo(0.1, 12);
    expect(r.n).toBe(3);
    expect(meanSd([0.5])).toEqual({ mean: 0.5, sd: null, n: 1 });
    expect(meanSd([])).toEqual({ mean: null, sd: null, n: 0 });
  });
});
