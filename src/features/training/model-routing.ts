/**
 * Which engine models segment a case for a run in the model list: a trained or loaded
 * run uses its own model; an ensemble averages its members' probabilities; out-of-fold
 * predictions of a cross-validation take, for each case, the fold model that held that
 * case out (and cover no other case). Pure, so the routing is tested on its own.
 */
import type { TrainingRun } from '../../store';

type Routed = Pick<TrainingRun, 'id' | 'name' | 'ensemble' | 'outOfFold'>;

/** Whether `run` can segment `caseName` (out-of-fold predictions cover their folds' cases). */
export function covers(run: Routed, caseName: string): boolean {
  return run.outOfFold === undefined || caseName in run.outOfFold;
}

/** The engine model id(s) that segment `caseName` for `run`; several are averaged. */
export function modelsFor(run: Routed, caseName: string): string | string[] {
  if (run.ensemble) return [...run.ensemble.members];
  if (run.outOfFold) {
    const model = run.outOfFold[caseName];
    if (!model) {
      throw new Error(
        `${caseName} was held out by no fold of ${run.name}: out-of-fold predictions cover ` +
          'the cross-validated cases only (use the ensemble for the others)',
      );
    }
    return model;
  }
  return run.id;
}

/** Every run `run` relies on (itself for a plain run). */
export function memberIds(run: Routed): string[] {
  if (run.ensemble) return [...run.ensemble.members];
  if (run.outOfFold) return [...new Set(Object.values(run.outOfFold))];
  return [run.id];
}

/** An ensemble's parameters and weight bytes: its members' sums (null if any is unknown). */
export function summedSize(members: readonly Pick<TrainingRun, 'params' | 'sizeBytes'>[]): {
  params: { trainable: number; nonTrainable: number } | null;
  sizeBytes: number | undefined;
} {
  const known = members.every((m) => m.params !== null);
  const sized = members.every((m) => m.sizeBytes !== undefined);
  return {
    params: known
      ? {
          trainable: members.reduce((n, m) => n + (m.params?.trainable ?? 0), 0),
          nonTrainable: members.reduce((n, m) => n + (m.params?.nonTrainable ?? 0), 0),
        }
      : null,
    sizeBytes: sized ? members.reduce((n, m) => n + (m.sizeBytes ?? 0), 0) : undefined,
  };
}

/** Runs that rely on `id` besides itself (ensembles and out-of-fold views that use it). */
export function dependents(runs: readonly TrainingRun[], id: string): TrainingRun[] {
  return runs.filter((r) => r.id !== id && memberIds(r).includes(id));
}
