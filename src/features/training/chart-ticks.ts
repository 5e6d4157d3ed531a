/** Axis ticks of the training curves: where they fall and how they read. Pure. */

/** Steps and epochs are whole numbers: ticks never fall between them. */
export const INTEGER_STEPS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000,
];

/**
 * Tick labels with as many decimals as their spacing needs, so that neighbouring ticks
 * never read the same (2.63 and 2.6, not 2.6 twice); thousands as 1.5k.
 */
export function tickLabels(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0] ?? 1);
  const decimals = step > 0 ? Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) : 0;
  return ticks.map((v) =>
    Math.abs(v) >= 10000 && step >= 100 ? `${+(v / 1000).toFixed(1)}k` : v.toFixed(decimals),
  );
}
