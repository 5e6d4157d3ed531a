/**
 * A small seeded random generator, so that a phantom case is a pure function of its index:
 * the same index gives the same bytes on every load, in every browser and in Node tests.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mulberry32: 32-bit state, fast, and good enough for procedural anatomy and noise. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Spreads consecutive case indices over the seed space (a murmur3 finalizer), so that
 * neighbouring cases do not start from correlated generator states.
 */
export function caseSeed(index: number): number {
  let h = (index + 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform number in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** A standard normal number (Box-Muller; one of the pair is discarded for simplicity). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], so the logarithm stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Clamps x to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
