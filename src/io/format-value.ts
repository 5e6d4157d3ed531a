/**
 * Voxel values as people write them. Label and intensity values arrive as float32, so a
 * stored 0.37 reads back as 0.3700000047683716; messages and tables show 0.37.
 */

/** A value with float32 noise removed: at most 6 significant digits, no trailing zeros. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

/** Several values, comma separated (a label's classes, a spacing). */
export function formatValues(values: readonly number[]): string {
  return values.map(formatValue).join(', ');
}
