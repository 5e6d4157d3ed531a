/**
 * What a comparison runs on by default: which two models (the latest ENet as A and the
 * latest U-Net as B, as in the ENet-vs-U-Net study), which cases (labelled ones, test
 * split first) and how the scope choice expands to case names. Pure, so it is tested
 * without the app.
 */
import { isActive, type StudyCase, type TrainingRun } from '../../store';
import { covers } from '../training/model-routing';

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

/** One column of a comparison: a run's prediction, plain or mirror-averaged. */
export interface CompareEntry {
  run: TrainingRun;
  tta: boolean;
  /** Where its predictions are kept in the store: the run's id, or its own key with TTA. */
  key: string;
  /** "U-Net #2", or "U-Net #2 + TTA". */
  name: string;
}

/** The store key of a run's mirror-averaged predictions. */
export const ttaKey = (runId: string) => `${runId}#tta`;

/** The compared columns: each chosen run in order, followed by its mirror-averaged twin with `tta`. */
export function compareEntries(
  models: readonly string[],
  runs: readonly TrainingRun[],
  tta: boolean,
): CompareEntry[] {
  return models.flatMap((id) => {
    const run = runs.find((r) => r.id === id);
    if (!run) return [];
    const plain = { run, tta: false, key: run.id, name: run.name };
    return tta
      ? [plain, { run, tta: true, key: ttaKey(run.id), name: `${run.name} + TTA` }]
      : [plain];
  });
}

/**
 * The cases of `names` (in order) that every run can be scored on: an out-of-fold view
 * covers only its cross-validation's cases, and a comparison scores all models on the
 * same cases.
 */
export function sharedCases(names: readonly string[], runs: readonly TrainingRun[]): string[] {
  return names.filter((n) => runs.every((r) => covers(r, n)));
}
