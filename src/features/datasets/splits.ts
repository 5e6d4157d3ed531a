/**
 * Default train / validation / test split, by case (never by slice, so no patient leaks
 * between splits). Deterministic: the same case names always give the same split.
 * Cases without a label can only be predicted, so they go to the test split.
 */
import type { Split, StudyCase } from '../../store';

export const SPLIT_FRACTIONS = { val: 0.15, test: 0.15 };

export function assignSplits(cases: StudyCase[]): StudyCase[] {
  const labelled = cases.filter((c) => c.label && !c.problem).map((c) => c.name);
  const order = shuffle([...labelled].sort(), 0x5e65);
  const n = order.length;
  const nVal = n >= 2 ? Math.max(1, Math.round(n * SPLIT_FRACTIONS.val)) : 0;
  const nTest = n >= 5 ? Math.max(1, Math.round(n * SPLIT_FRACTIONS.test)) : 0;
  const split = new Map<string, Split>();
  order.forEach((name, i) =>
    split.set(name, i < nVal ? 'val' : i < nVal + nTest ? 'test' : 'train'),
  );
  return cases.map((c) => ({ ...c, split: split.get(c.name) ?? 'test' }));
}

/** Fisher-Yates with a small seeded generator (mulberry32). */
function shuffle<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
