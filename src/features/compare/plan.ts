/**
 * What a comparison runs on by default: which two models (the latest ENet as A and the
 * latest U-Net as B, as in the ENet-vs-U-Net study), which cases (labelled ones, test
 * split first) and how the scope choice expands to case names. Pure, so it is tested
 * without the app.
 */
import { isActive, type StudyCase, type TrainingRun } from '../../store';

/** Which cases a run covers: the chosen case, the test split, or every labelled case. */
export type CaseScope = 'case' | 'test' | 'labelled';

const SPLIT_ORDER = { test: 0, val: 1, train: 2 } as const;

/** Runs that can predict: not training, with a model in the engine. */
export function comparableRuns(runs: readonly TrainingRun[]): TrainingRun[] {
  return runs.filter((r) => r.hasModel === true && !isActive(r));
}

/**
 * The models a comparison starts with: the latest ENet as A and the latest U-Net as B
 * (the ENet-vs-U-Net study) when present; otherwise the two latest runs.
 */
export function defaultModels(runs: readonly TrainingRun[]): string[] {
  const latest = (kind: string) => [...runs].reverse().find((r) => r.architecture === kind)?.id;
  const enet = latest('enet');
  const unet = latest('unet');
  const rest = [...runs].reverse().map((r) => r.id);
  const a = enet ?? rest.find((id) => id !== unet) ?? null;
  const b = unet ?? rest.find((id) => id !== a) ?? null;
  return [a, b === a ? null : b].filter((id): id is string => id !== null);
}

/** Cases with a usable label, test split first, then validation, then training; by name within. */
export function labelledCases(cases: readonly StudyCase[]): StudyCase[] {
  return cases
    .filter((c) => c.label && !c.problem)
    .sort((x, y) => SPLIT_ORDER[x.split] - SPLIT_ORDER[y.split] || x.name.localeCompare(y.name));
}

/** The case names a scope covers, in {@link labelledCases} order. */
export function casesInScope(
  cases: readonly StudyCase[],
  scope: CaseScope,
  chosen: string | null,
): string[] {
  const labelled = labelledCases(cases);
  if (scope === 'test') return labelled.filter((c) => c.split === 'test').map((c) => c.name);
  if (scope === 'labelled') return labelled.map((c) => c.name);
  return labelled.some((c) => c.name === chosen) ? [chosen as string] : [];
}
