/**
 * Runs a comparison: each model predicts each chosen case and every prediction is scored.
 * Per model, one untimed prediction has the engine build the model and warm its kernels up; then each case is predicted with the engine's own timing
 * (ms per slice, ms per volume) so the model table compares inference, not loading.
 * Predictions land in the studio store like any other. Cancelling takes effect between
 * predictions (a prediction in flight cannot be interrupted).
 */
import { useStudio, type TrainingRun } from '../../store';
import type { Volume } from '../../io/volume';
import type { TargetSpec } from '../../ml/data/target';
import { predictWithModel } from '../training/predictions';
import { deriveTarget } from '../training/target';
import { labelEntry } from '../datasets/label-names';
import { evaluateCase } from './evaluate';
import type { CaseEvaluation, CaseTiming, ComparisonResult, ModelInfo, Side } from './types';
import type { CompareProgress } from './compare-store';
import { sideLetter } from './model-colors';

/** The target a run was trained for, from its configuration. */
export function runTarget(run: TrainingRun): TargetSpec {
  const config = run.config as { target?: TargetSpec } | null;
  return config?.target ?? deriveTarget(useStudio.getState().cases);
}

export function modelInfo(run: TrainingRun, side: Side): ModelInfo {
  return {
    side,
    runId: run.id,
    name: run.name,
    architecture: run.architecture,
    params: run.params,
    sizeBytes: run.sizeBytes ?? null,
    target: runTarget(run),
  };
}

/** Thrown when the user cancels; the caller shows it as a plain message. */
export class ComparisonCancelled extends Error {
  override name = 'ComparisonCancelled';
}

function caseVolumes(caseName: string): { image: Volume; manual: Volume } {
  const s = useStudio.getState();
  const study = s.cases.find((c) => c.name === caseName);
  const image = study ? s.files[study.channels[0]?.path ?? '']?.volumes?.[0] : undefined;
  const manual = study?.label ? s.files[study.label]?.volumes?.[0] : undefined;
  if (!image || !manual) throw new Error(`${caseName} has no readable image and label`);
  return { image, manual };
}

/** Predicts a case with a run's model, timed; keeps the mask in the store. */
async function timedPrediction(
  runId: string,
  caseName: string,
): Promise<{ volume: Volume; timing: CaseTiming }> {
  const t0 = performance.now();
  const { volume, prediction } = await predictWithModel(runId, caseName, runId);
  const wallMs = performance.now() - t0;
  return {
    volume,
    timing: { msPerSlice: prediction.msPerSlice, totalMs: prediction.totalMs, wallMs },
  };
}

/** Lets the page paint between heavy steps (scoring runs on the main thread). */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface RunOptions {
  /** The compared runs, in order: A, B, C, ... */
  runs: readonly TrainingRun[];
  caseNames: readonly string[];
  signal: AbortSignal;
  onProgress: (p: CompareProgress) => void;
}

/** Predicts and scores every case with every model; rejects with ComparisonCancelled on abort. */
export async function runComparison(o: RunOptions): Promise<ComparisonResult> {
  if (o.caseNames.length === 0) throw new Error('no labelled case to compare on');
  const models = o.runs.map((run, i) => modelInfo(run, sideLetter(i)));
  const total = models.length * (o.caseNames.length + 1);
  let done = 0;
  const step = (current: string) => {
    if (o.signal.aborted) throw new ComparisonCancelled('comparison cancelled');
    o.onProgress({ done, total, current });
  };
  const results: CaseEvaluation[][] = [];
  for (const m of models) {
    step(`${m.name}: loading and warming up on ${o.caseNames[0]}`);
    await predictWithModel(m.runId, o.caseNames[0], m.runId);
    done++;
    const cases: CaseEvaluation[] = [];
    for (const caseName of o.caseNames) {
      step(`${m.name}: predicting ${caseName}`);
      const { volume, timing } = await timedPrediction(m.runId, caseName);
      const study = useStudio.getState().cases.find((c) => c.name === caseName);
      cases.push(
        evaluateCase({
          caseName,
          split: study?.split ?? 'test',
          predicted: volume,
          manual: caseVolumes(caseName).manual,
          target: m.target,
          timing,
          nameOf: (v) => labelEntry(useStudio.getState().labelTable, v).name,
        }),
      );
      done++;
      await nextFrame();
    }
    results.push(cases);
  }
  o.onProgress({ done, total, current: 'done' });
  return {
    backend: useStudio.getState().backendLabel,
    createdAt: new Date().toISOString(),
    caseNames: [...o.caseNames],
    models: models.map((model, i) => ({ model, cases: results[i] })),
  };
}
