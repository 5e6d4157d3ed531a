/**
 * The default learning target for a dataset: a single structure (e.g. PROMISE12's gland,
 * value 1) is learnt as foreground vs background; several label values (BraTS) become a
 * softmax over classes.
 */
import type { StudyCase } from '../../store';
import type { TargetSpec } from '../../ml/data/target';

export function deriveTarget(cases: readonly StudyCase[]): TargetSpec {
  const values = new Set<number>();
  for (const c of cases) for (const v of c.labelValues ?? []) if (v !== 0) values.add(v);
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= 1) return { mode: 'binary', foregroundValues: sorted.length ? sorted : [1] };
  return { mode: 'multiclass', values: sorted };
}

export function describeTarget(t: TargetSpec): string {
  return t.mode === 'binary'
    ? `label ${t.foregroundValues.join(' + ')} vs rest (sigmoid)`
    : `${t.values.length} classes: ${t.values.join(', ')} (softmax)`;
}
