/**
 * A cross-validation as the studio keeps it: the plan (which cases each fold holds out,
 * trains and validates on), the configuration every fold trains with, the run of each
 * fold, the ensemble and out-of-fold views made when all folds are done, and the scored
 * table. Where a cross-validation stands is derived from its fold runs, never stored, so
 * a reload, a crash or a deleted fold run can never leave it saying something untrue.
 * Pure: the store, the actions and the panel build on it.
 */
import type { LoadedFile, StudyCase, TrainingRun } from '../../store';
import type { FoldCaseScore, FoldTable } from './fold-table';
import type { FoldCandidate, FoldPlan } from './folds';

export interface CrossValidationStudy {
  id: string;
  /** "U-Net #3": its fold runs are "U-Net #3 fold 1/5", ... */
  name: string;
  architecture: string;
  /** The training configuration of every fold (a TrainConfig). */
  config: unknown;
  plan: FoldPlan;
  /** Each fold's run id once started (a fold started again gets a new one). */
  runs: (string | null)[];
  createdAt: number;
  /** Run ids of the views made once every fold is trained. */
  ensemble?: string;
  outOfFold?: string;
  results?: StudyResults;
}

/** The held-out scores of the last evaluation. */
export interface StudyResults {
  scores: FoldCaseScore[];
  table: FoldTable;
  /** Whether predictions were mirror-averaged. */
  tta: boolean;
  backend: string;
  evaluatedAt: number;
}

/** Where a cross-validation stands. */
export interface StudyProgress {
  /** Folds whose run finished. */
  done: number;
  /** The first fold not finished, or null when every fold is. */
  next: number | null;
  /** That fold's run, if one was started and still exists. */
  nextRun: TrainingRun | undefined;
  /** A fold's run is training (or queued, paused, ...). */
  training: boolean;
  /** How the next fold goes on: from its run's checkpoint, or started afresh. */
  continueBy: 'resume' | 'start' | null;
}

const ACTIVE = new Set(['queued', 'starting', 'running', 'pausing', 'paused', 'resuming']);

export function studyProgress(
  study: CrossValidationStudy,
  runs: readonly TrainingRun[],
): StudyProgress {
  const runOf = (id: string | null) => (id ? runs.find((r) => r.id === id) : undefined);
  const finished = study.runs.map((id) => runOf(id)?.status === 'finished');
  const next = study.plan.folds.findIndex((_, i) => !finished[i]);
  const nextRun = next >= 0 ? runOf(study.runs[next] ?? null) : undefined;
  const training = study.runs.some((id) => ACTIVE.has(runOf(id)?.status ?? ''));
  const resumable =
    nextRun !== undefined &&
    !!nextRun.checkpoint &&
    ['stopped', 'interrupted', 'error'].includes(nextRun.status);
  return {
    done: finished.filter(Boolean).length,
    next: next >= 0 ? next : null,
    nextRun,
    training,
    continueBy: next < 0 ? null : resumable ? 'resume' : 'start',
  };
}

/** A fold run's name: "U-Net #3 fold 2/5". */
export function foldRunName(study: Pick<CrossValidationStudy, 'name' | 'plan'>, fold: number) {
  return `${study.name} fold ${fold + 1}/${study.plan.k}`;
}

/** The study's name for `label` ("U-Net"): one past every "U-Net #n" in use, runs' or studies'. */
export function nextStudyName(label: string, names: readonly string[]): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped} #(\\d+)\\b`);
  const used = names.map((n) => Number(pattern.exec(n)?.[1] ?? 0));
  return `${label} #${Math.max(0, ...used) + 1}`;
}

/** Non-zero voxels of a label times the voxel volume, in mL. */
export function labelMl(label: { data: ArrayLike<number>; spacing: readonly number[] }): number {
  let n = 0;
  for (let i = 0; i < label.data.length; i++) if (label.data[i] !== 0) n++;
  return (n * label.spacing[0] * label.spacing[1] * label.spacing[2]) / 1000;
}

/**
 * The cases a cross-validation deals into folds: labelled, usable cases of the train and
 * validation splits (the test split stays out, for judging the ensemble), each with its
 * label volume when the label is decoded.
 */
export function foldCandidates(
  cases: readonly StudyCase[],
  files: Readonly<Record<string, LoadedFile>>,
): FoldCandidate[] {
  return cases
    .filter((c) => c.label && !c.problem && c.split !== 'test')
    .map((c) => {
      const label = files[c.label ?? '']?.volumes?.[0];
      return { name: c.name, volume: label ? labelMl(label) : null };
    });
}
