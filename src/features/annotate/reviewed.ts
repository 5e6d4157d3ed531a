/**
 * Which axial slices of a label a person has checked. Null means the whole label counts
 * (a complete manual label); a list means only those slices count in training, so a
 * model's draft or a half-drawn scan teaches nothing where nobody has looked. Pure.
 */

/** Reviewed slices: null for all of them. */
export type Reviewed = readonly number[] | null;

export function isReviewed(reviewed: Reviewed, z: number): boolean {
  return reviewed === null || reviewed.includes(z);
}

/** How many of `depth` slices count. */
export function reviewedCount(reviewed: Reviewed, depth: number): number {
  return reviewed === null ? depth : reviewed.filter((z) => z >= 0 && z < depth).length;
}

function normalized(zs: Iterable<number>, depth: number): number[] | null {
  const list = [...new Set(zs)].filter((z) => z >= 0 && z < depth).sort((a, b) => a - b);
  // Every slice checked is the same as a complete label.
  return list.length === depth ? null : list;
}

/** `reviewed` with slices `zs` added. */
export function markReviewed(reviewed: Reviewed, zs: readonly number[], depth: number): Reviewed {
  if (reviewed === null) return null;
  return normalized([...reviewed, ...zs], depth);
}

/** `reviewed` with slice `z` switched. */
export function toggleReviewed(reviewed: Reviewed, z: number, depth: number): Reviewed {
  const all = reviewed ?? Array.from({ length: depth }, (_, k) => k);
  return all.includes(z) ? all.filter((k) => k !== z) : normalized([...all, z], depth);
}

/** The same reviewed slices, compared by value. */
export function sameReviewed(a: Reviewed | undefined, b: Reviewed | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  return x.length === y.length && x.every((z, i) => z === y[i]);
}
