/**
 * What the cross-validation controls do: plan the folds and train them one after another
 * (each fold an ordinary run with its cases named, so Pause, Stop, checkpoints and resume
 * work as for any run), go on after a stop or a reload with the first unfinished fold
 * (from its checkpoint when it has one), make the ensemble and out-of-fold views once
 * every fold is trained, and score each case with the fold model that held it out.
 */
import { architecture, isArchitectureKind } from '../../ml/models/registry';
import type { TrainConfig } from '../../ml/train/config';
import type { TargetSpec } from '../../ml/data/target';
import { useStudio, type TrainingRun } from '../../store';
import { evaluateCase } from '../compare/evaluate';
import { useCompare } from '../compare/compare-store';
import { labelEntry } from '../datasets/label-names';
import { summedSize } from '../training/model-routing';
import { usePredictOptions } from '../training/predict-options';
import { predictWithModel } from '../training/predictions';
import { activeRun, resumeRun, startTraining } from '../training/run-actions';
import { newRunId } from '../training/run-id';
import { persistRun, deleteRun } from '../training/run-persistence';
import { deleteStoredStudy, saveStudy, studyOf, useCrossval } from './crossval-store';
import { foldScoreOf, foldTable, type FoldCaseScore } from './fold-table';
import { foldsProblem, planFolds } from './folds';
import {
  foldCandidates,
  foldRunName,
  nextStudyName,
  studyProgress,
  type CrossValidationStudy,
} from './study';

/** Share of each fold's training cases held back for its inner validation. */
export const INNER_VALIDATION = 0.15;

const runOf = (id: string | null | undefined) =>
  id ? useStudio.getState().runs.find((r) => r.id === id) : undefined;

/** Plans a K-fold cross-validation of `config` on the dataset and trains it. */
export async function startCrossValidation(config: TrainConfig, k: number): Promise<void> {
  const s = useStudio.getState();
  const candidates = foldCandidates(s.cases, s.files);
  const problem = foldsProblem(candidates.length, k);
  if (problem) throw new Error(problem);
  if (activeRun()) throw new Error('a run is already in progress');
  const kind = config.model.architecture.kind;
  const label = isArchitectureKind(kind) ? architecture(kind).label : kind;
  const names = [
    ...s.runs.map((r) => r.name),
    ...useCrossval.getState().studies.map((x) => x.name),
  ];
  const study: CrossValidationStudy = {
    id: `cv-${newRunId()}`,
    name: nextStudyName(label, names),
    architecture: kind,
    config,
    plan: planFolds(candidates, k, config.seed, INNER_VALIDATION),
    runs: Array.from({ length: k }, () => null),
    createdAt: Date.now(),
  };
  await saveStudy(study);
  await continueCrossValidation(study.id);
}

/** Trains the remaining folds of study `id`, one after another, then evaluates it. */
export async function continueCrossValidation(id: string): Promise<void> {
  const cv = useCrossval.getState();
  if (cv.driving) throw new Error('a cross-validation is already in progress');
  cv.setDriving(id);
  cv.setMessage(id, null);
  try {
    for (;;) {
      const study = studyOf(id);
      if (!study) return;
      const p = studyProgress(study, useStudio.getState().runs);
      if (p.next === null) break;
      if (activeRun()) throw new Error('another run is in progress; continue when it ends');
      const fold = study.plan.folds[p.next];
      let runId = p.nextRun?.id;
      if (p.continueBy === 'resume' && runId) {
        await resumeRun(runId);
      } else {
        runId = newRunId();
        const runs = study.runs.map((r, i) => (i === p.next ? (runId as string) : r));
        await saveStudy({ ...study, runs });
        await startTraining(study.config as TrainConfig, foldRunName(study, p.next), undefined, {
          id: runId,
          cases: { train: fold.train, val: fold.val },
          crossValidation: { id, fold: p.next, of: study.plan.k },
        });
      }
      // Stopped, failed or interrupted: the user goes on when ready.
      if (runOf(runId)?.status !== 'finished') return;
    }
  } finally {
    useCrossval.getState().setDriving(null);
  }
  await makeViews(id);
  await evaluateStudy(id);
}

function viewRun(study: CrossValidationStudy, fields: Partial<TrainingRun>): TrainingRun {
  return {
    id: newRunId(),
    name: study.name,
    architecture: study.architecture,
    config: study.config,
    params: null,
    status: 'finished',
    steps: [],
    epochs: [],
    progress: null,
    startedAt: Date.now(),
    hasModel: true,
    crossValidation: { id: study.id, of: study.plan.k },
    ...fields,
  };
}

/** Adds the ensemble of the fold models and the out-of-fold view (once; again if folds changed). */
async function makeViews(id: string): Promise<void> {
  const study = studyOf(id);
  if (!study) return;
  const folds = study.runs.map((r) => runOf(r)).filter((r): r is TrainingRun => !!r);
  const members = folds.map((r) => r.id);
  const k = study.plan.k;
  const add = async (run: TrainingRun) => {
    useStudio.getState().addRun(run);
    await persistRun(run.id);
    return run.id;
  };
  let { ensemble, outOfFold } = study;
  if (runOf(ensemble)?.ensemble?.members.join() !== members.join()) {
    ensemble = await add(
      viewRun(study, {
        name: `${study.name} ensemble of ${k} folds`,
        message: `averages the probabilities of the ${k} fold models`,
        ensemble: { members },
        ...summedSize(folds),
      }),
    );
  }
  const map = Object.fromEntries(
    study.plan.folds.flatMap((f) => f.heldOut.map((c) => [c, study.runs[f.index] as string])),
  );
  if (JSON.stringify(runOf(outOfFold)?.outOfFold) !== JSON.stringify(map)) {
    outOfFold = await add(
      viewRun(study, {
        name: `${study.name} out-of-fold (${k} folds)`,
        message: 'each case segmented by the fold model that never saw it',
        outOfFold: map,
        params: folds[0]?.params ?? null,
        ...(folds[0]?.sizeBytes !== undefined ? { sizeBytes: folds[0].sizeBytes } : {}),
      }),
    );
  }
  await saveStudy({ ...study, ensemble, outOfFold });
}

let controller: AbortController | null = null;

/** Scores every held-out case with its fold's model; the masks land under the out-of-fold view. */
export async function evaluateStudy(id: string): Promise<void> {
  const study = studyOf(id);
  if (!study?.outOfFold || controller) return;
  const oof = study.outOfFold;
  const tta = usePredictOptions.getState().tta;
  const target = (study.config as { target: TargetSpec }).target;
  const total = study.plan.folds.reduce((n, f) => n + f.heldOut.length, 0);
  const cv = useCrossval.getState();
  controller = new AbortController();
  const signal = controller.signal;
  const scores: FoldCaseScore[] = [];
  try {
    for (const f of study.plan.folds) {
      for (const caseName of f.heldOut) {
        if (signal.aborted) throw new Error('evaluation cancelled');
        cv.setEvaluating({ study: id, done: scores.length, total, current: caseName });
        const model = study.runs[f.index] as string;
        const { volume, prediction } = await predictWithModel(model, caseName, oof, { tta });
        const s = useStudio.getState();
        const c = s.cases.find((x) => x.name === caseName);
        const manual = c?.label ? s.files[c.label]?.volumes?.[0] : undefined;
        if (!c || !manual) throw new Error(`${caseName} is no longer loaded with its label`);
        const ev = evaluateCase({
          caseName,
          split: c.split,
          predicted: volume,
          manual,
          target,
          timing: { msPerSlice: prediction.msPerSlice, totalMs: prediction.totalMs, wallMs: 0 },
          nameOf: (v) => labelEntry(s.labelTable, v).name,
        });
        scores.push(foldScoreOf(caseName, f.index, ev.classes));
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    const results = {
      scores,
      table: foldTable(scores, study.plan.k),
      tta,
      backend: useStudio.getState().backendLabel,
      evaluatedAt: Date.now(),
    };
    await saveStudy({ ...(studyOf(id) ?? study), results });
    preselectInCompare(id);
  } catch (err) {
    cv.setMessage(id, err instanceof Error ? err.message : String(err));
  } finally {
    controller = null;
    cv.setEvaluating(null);
  }
}

export function cancelEvaluation(): void {
  controller?.abort();
}

/** Compare opens on this study's out-of-fold view beside another study's, when there is one. */
function preselectInCompare(id: string): void {
  const studies = useCrossval.getState().studies;
  const own = studyOf(id)?.outOfFold;
  const other = [...studies].reverse().find((x) => x.id !== id && runOf(x.outOfFold))?.outOfFold;
  if (own && other) useCompare.getState().set({ models: [other, own], scope: 'labelled' });
}

/** Forgets a study and its views; its fold models stay in the model list. */
export async function deleteStudy(id: string): Promise<void> {
  const study = studyOf(id);
  if (!study) return;
  for (const view of [study.ensemble, study.outOfFold])
    if (runOf(view)) await deleteRun(view as string);
  await deleteStoredStudy(id);
}
