/**
 * A small seeded random generator for everything in the training pipeline that must be
 * reproducible from `TrainConfig.seed`: case splits, sampling order and augmentation.
 */

/** A function returning uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: fast, 32-bit state, good enough statistics for sampling and augmentation. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform number in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform in [-r, r); 0, drawing nothing, when r is 0 (that augmentation is off). */
export function symmetric(rng: Rng, r: number): number {
  return r > 0 ? uniform(rng, -r, r) : 0;
}

/** Uniform in [1 - r, 1 + r); 1, drawing nothing, when r is 0 (that augmentation is off). */
export function aroundOne(rng: Rng, r: number): number {
  return r > 0 ? uniform(rng, 1 - r, 1 + r) : 1;
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** Fisher-Yates shuffle in place; returns `items`. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
