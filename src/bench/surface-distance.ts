/**
 * Surface distances (HD95, ASSD) come from the evaluation module `src/eval/metrics.ts`
 * when the build contains it. It is looked up with `import.meta.glob`, which resolves to
 * nothing instead of failing the build when the module is absent; then the bench reports
 * overlap scores only and the distance columns stay null. The module is expected to
 * export `hd95` and `assd` taking (predicted mask, true mask, dims, spacing in mm).
 */
import type { DistanceFn } from './case-scores';

type Grid = readonly [number, number, number];
type MaskDistance = (a: Uint8Array, b: Uint8Array, dims: Grid, spacing: Grid) => unknown;

const modules = import.meta.glob<Record<string, unknown>>('../eval/metrics.ts', { eager: true });

function finiteOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** HD95 and ASSD from the evaluation module, or undefined when it is not built in. */
export function surfaceDistance(
  mod: Record<string, unknown> | undefined = Object.values(modules)[0],
  report: (message: string) => void = (m) => console.error(m),
): DistanceFn | undefined {
  const hd95 = mod?.['hd95'];
  const assd = mod?.['assd'];
  if (typeof hd95 !== 'function' || typeof assd !== 'function') return undefined;
  let broken = false;
  return (predicted, truth, dims, spacing) => {
    if (broken) return { hd95: null, assd: null };
    try {
      return {
        hd95: finiteOrNull((hd95 as MaskDistance)(predicted, truth, dims, spacing)),
        assd: finiteOrNull((assd as MaskDistance)(predicted, truth, dims, spacing)),
      };
    } catch (e) {
      // A changed signature must not sink an evaluation: the distances are left out, once said.
      broken = true;
      report(`surface distances left out: src/eval/metrics.ts failed (${String(e)})`);
      return { hd95: null, assd: null };
    }
  };
}
