/**
 * A fine-tuned model's curves as a continuation of its history: the curves of the run it
 * fine-tunes (and of that run's own base, and so on) come first, and its own steps and
 * epochs are numbered on from where they end, with a marker where each fine-tune began.
 * Pure.
 */
import type { EpochPoint, StepPoint, TrainingRun } from '../../store';

/** Where a fine-tune began on the continued axes. */
export interface HistoryBoundary {
  /** Last step and epoch of the history before it. */
  step: number;
  epoch: number;
  /** The run it fine-tunes. */
  base: string;
}

export interface RunHistory {
  steps: StepPoint[];
  epochs: EpochPoint[];
  boundaries: HistoryBoundary[];
}

type Run = Pick<TrainingRun, 'id' | 'name' | 'steps' | 'epochs' | 'from'>;

/** The curves of `run` after those of the runs it continues (a missing base is skipped). */
export function runHistory(run: Run, runs: readonly Run[], seen = new Set<string>()): RunHistory {
  seen.add(run.id);
  const base = run.from ? runs.find((r) => r.id === run.from) : undefined;
  if (!base || seen.has(base.id)) {
    return { steps: run.steps, epochs: run.epochs, boundaries: [] };
  }
  const before = runHistory(base, runs, seen);
  const step = before.steps.at(-1)?.step ?? 0;
  const epoch = before.epochs.at(-1)?.epoch ?? 0;
  return {
    steps: [...before.steps, ...run.steps.map((p) => ({ ...p, step: p.step + step }))],
    epochs: [...before.epochs, ...run.epochs.map((e) => ({ ...e, epoch: e.epoch + epoch }))],
    boundaries: [...before.boundaries, { step, epoch, base: base.name }],
  };
}
