/**
 * Runs a comparison: each model (a run, an ensemble of runs, out-of-fold predictions;
 * each plain and, on request, mirror-averaged) predicts each chosen case and every
 * prediction is scored. Per model, one untimed prediction has the engine build the
 * model(s) and warm its kernels up; then each case is predicted with the engine's own
 * timing (ms per slice, ms per volume) so the model table compares inference, not
 * loading. Predictions land in the studio store like any other. Cancelling takes effect
 * between predictions (a prediction in flight cannot be interrupted).
 */
import { useStudio, type TrainingRun } from '../../store';
import type { Volume } from '../../io/volume';
import type { TargetSpec } from '../../ml/data/target';
import { modelsFor } from '../training/model-routing';
import { predictWithModel } from '../training/predictions';
import { deriveTarget } from '../training/target';
import { labelEntry } from '../datasets/label-names';
import { evaluateCase } from './evaluate';
import type { CaseEvaluation, CaseTiming, ComparisonResult, ModelInfo, Side } from './types';
import type { CompareProgress } from './compare-store';
import { sideLetter } from './model-colors';
import type { CompareEntry } from './plan';

/** The target a run was trained for, from its configuration. */
export function runTarget(run: TrainingRun): TargetSpec {
  const config = run.config as { target?: TargetSpec } | null;
  return config?.target ?? deriveTarget(useStudio.getState().cases);
}

export function modelInfo(entry: CompareEntry, side: Side): ModelInfo {
  const { run } = entry;
  return {
    side,
    runId: run.id,
    name: entry.name,
    architecture: run.architecture,
    params: run.params,
    sizeBytes: run.sizeBytes ?? null,
    target: runTarget(run),
    tta: entry.tta,
    key: entry.key,
    ...(run.ensemble ? { ensembleOf: run.ensemble.members.length } : {}),
    ...(run.outOfFold ? { outOfFoldOf: run.crossValidation?.of ?? 0 } : {}),
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

/** Predicts a case with an entry's model(s), timed; keeps the mask in the store. */
async function timedPrediction(
  entry: CompareEntry,
  caseName: string,
): Promise<{ volume: Volume; timing: CaseTiming }> {
  const t0 = performance.now();
  const { volume, prediction } = await predictWithModel(
    modelsFor(entry.run, caseName),
    caseName,
    entry.key,
    { tta: entry.tta },
  );
  const wallMs = performance.now() - t0;
  return {
    volume,
    timing: { msPerSlice: prediction.msPerSlice, totalMs: prediction.totalMs, wallMs },
  };
}

/** Lets the page paint between heavy steps (scoring runs on the main thread). */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface RunOptions {
  /** The compared columns, in order: A, B, C, ... */
  entries: readonly CompareEntry[];
  caseNames: readonly string[];
  signal: AbortSignal;
  onProgress: (p: CompareProgress) => void;
}

/** Predicts and scores every case with every model; rejects with ComparisonCancelled on abort. */
export async function runComparison(o: RunOptions): Promise<ComparisonResult> {
  if (o.caseNames.length === 0) throw new Error('no labelled case to compare on');
  const models = o.entries.map((entry, i) => modelInfo(entry, sideLetter(i)));
  const total = models.length * (o.caseNames.length + 1);
  let done = 0;
  const step = (current: string) => {
    if (o.signal.aborted) throw new ComparisonCancelled('comparison cancelled');
    o.onProgress({ done, total, current });
  };
  const results: CaseEvaluation[][] = [];
  for (const [i, m] of models.entries()) {
    const entry = o.entries[i];
    step(`${m.name}: loading and warming up on ${o.caseNames[0]}`);
    await predictWithModel(modelsFor(entry.run, o.caseNames[0]), o.caseNames[0], m.key, {
      tta: m.tta,
    });
    done++;
    const cases: CaseEvaluation[] = [];
    for (const caseName of o.caseNames) {
      step(`${m.name}: predicting ${caseName}`);
      const { volume, timing } = await timedPrediction(entry, caseName);
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
