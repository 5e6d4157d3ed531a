/**
 * What the compare view's buttons do: start and cancel a comparison (one at a time),
 * and the defaults applied when the view opens.
 */
import { useStudio } from '../../store';
import { useCompare } from './compare-store';
import {
  casesInScope,
  compareEntries,
  comparableRuns,
  defaultModels,
  labelledCases,
  sharedCases,
} from './plan';
import { ComparisonCancelled, runComparison } from './run-comparison';
import type { ComparisonResult } from './types';

let controller: AbortController | null = null;

/** Runs that can take part in a comparison now. */
export function availableRuns() {
  return comparableRuns(useStudio.getState().runs);
}

/** Fills in models and case the user has not chosen (or that no longer exist). */
export function applyDefaults(): void {
  const c = useCompare.getState();
  const s = useStudio.getState();
  const runs = availableRuns();
  const kept = c.models.filter((id) => runs.some((r) => r.id === id));
  const patch: Partial<typeof c> = {};
  if (kept.length < 2) {
    const defaults = defaultModels(runs);
    const models = [...kept, ...defaults.filter((id) => !kept.includes(id))].slice(0, 2);
    if (models.join() !== c.models.join()) patch.models = models;
  } else if (kept.length !== c.models.length) patch.models = kept;
  const cases = labelledCases(s.cases);
  // Held-out cases first: a test case, else validation, else training.
  if (!cases.some((x) => x.name === c.caseName)) patch.caseName = cases[0]?.name ?? null;
  if (Object.keys(patch).length) c.set(patch);
}

/** The slice of a case with the most manual foreground, from a result (figure 5's view). */
function fullestSlice(result: ComparisonResult, caseName: string): number | null {
  const slices = result.models[0].cases.find((x) => x.caseName === caseName)?.slices ?? [];
  let best: number | null = null;
  let most = 0;
  for (const s of slices) {
    if (s.manualVoxels > most) [best, most] = [s.k, s.manualVoxels];
  }
  return best;
}

/** Predicts and scores the chosen cases with every chosen model; progress goes to the store. */
export async function startComparison(): Promise<void> {
  const c = useCompare.getState();
  const s = useStudio.getState();
  const runs = c.models.flatMap((id) => s.runs.filter((r) => r.id === id));
  if (runs.length < 2 || controller) return;
  const inScope = casesInScope(s.cases, c.scope, c.caseName);
  const caseNames = sharedCases(inScope, runs);
  if (inScope.length > 0 && caseNames.length === 0) {
    c.set({
      error:
        'The chosen models share no case in this scope: out-of-fold predictions cover only ' +
        'the cases of their cross-validation.',
    });
    return;
  }
  controller = new AbortController();
  c.set({ progress: { done: 0, total: 1, current: 'starting' }, error: null });
  try {
    const result = await runComparison({
      entries: compareEntries(c.models, s.runs, c.tta),
      caseNames,
      signal: controller.signal,
      onProgress: (progress) => useCompare.getState().set({ progress }),
    });
    const shown = caseNames.includes(c.caseName ?? '') ? (c.caseName as string) : caseNames[0];
    useCompare.getState().set({
      result,
      caseName: shown,
      sliceIndex: fullestSlice(result, shown) ?? useCompare.getState().sliceIndex,
    });
  } catch (err) {
    const message =
      err instanceof ComparisonCancelled
        ? 'Comparison cancelled.'
        : `Comparison failed: ${err instanceof Error ? err.message : String(err)}`;
    useCompare.getState().set({ error: message });
  } finally {
    controller = null;
    useCompare.getState().set({ progress: null });
  }
}

/** Stops after the prediction in flight. */
export function cancelComparison(): void {
  controller?.abort();
}
