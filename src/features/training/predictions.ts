/**
 * Predictions the viewer overlays: a run's model (or the model still training, between its
 * epochs; or an ensemble's members, or the fold that held the case out) segments a case
 * on the case's own grid, and the mask lands in the store.
 */
import type { Prediction } from '../../engine/api';
import type { Volume } from '../../io/volume';
import { EngineError } from '../../shared/engine-error';
import { useStudio } from '../../store';
import { engineWithCases } from './engine-session';
import { modelsFor } from './model-routing';
import { usePredictOptions } from './predict-options';

/** Options a prediction may take besides the model and case. */
export interface PredictOptions {
  tta?: boolean;
  uncertainty?: boolean;
  /** Names the prediction for its progress events and for cancelling it. */
  id?: string;
}

/** The case's first image volume, on whose grid predictions lie. */
export function caseImage(caseName: string): Volume {
  const s = useStudio.getState();
  const study = s.cases.find((x) => x.name === caseName);
  const image = study ? s.files[study.channels[0]?.path ?? '']?.volumes?.[0] : undefined;
  if (!image) throw new Error(`case ${caseName} is no longer loaded`);
  return image;
}

/** A label volume on the case's grid from a prediction. */
export function predictionVolume(caseName: string, p: Prediction): Volume {
  return { ...caseImage(caseName), data: Float32Array.from(p.labels), sourceType: 'uint8' };
}

/**
 * Segments `caseName` with `model` (a run id, or several for an ensemble, stored under
 * `storeAs`) and keeps the mask for the viewer; returns the engine's answer too.
 */
export async function predictWithModel(
  model: string | string[],
  caseName: string,
  storeAs: string,
  options: PredictOptions = {},
): Promise<{ volume: Volume; prediction: Prediction }> {
  const c = await engineWithCases();
  const prediction = await c.predict({
    model,
    case: caseName,
    largestComponent: useStudio.getState().largestRegion,
    ...options,
  });
  const volume = predictionVolume(caseName, prediction);
  useStudio.getState().setPrediction(storeAs, caseName, volume);
  return { volume, prediction };
}

let predictionCount = 0;

/**
 * Predicts one case with a run's model(s), mirror-averaged when the prediction options say
 * so (`preview`: never, as between epochs); the result lands in the store on the case's
 * grid. The run shows the prediction's progress (a 3-D network's sliding window over a
 * large volume takes a while) and it can be cancelled with {@link cancelPrediction}: then
 * the result is null and the run says so. Of several predictions with one model (an
 * epoch's preview, the final one, the user's) the run shows the one asked for last, so
 * that its Cancel button stops what was just asked for, even while it waits for the others.
 */
export async function predictCase(
  runId: string,
  caseName: string,
  { preview = false }: { preview?: boolean } = {},
): Promise<Volume | null> {
  const id = `${runId}/${caseName}/${++predictionCount}`;
  const update = useStudio.getState().updateRun;
  const run = useStudio.getState().runs.find((r) => r.id === runId);
  const models = run ? modelsFor(run, caseName) : runId;
  const tta = !preview && usePredictOptions.getState().tta;
  // Shown at once: sending a large scan to the engine comes first and takes a moment.
  update(runId, () => ({ predicting: { id, case: caseName, done: 0, total: 1 } }));
  let off = () => {};
  try {
    const c = await engineWithCases();
    off = c.subscribe((e) => {
      if (e.type !== 'predict-progress' || e.id !== id) return;
      update(runId, (r) =>
        !r.predicting || r.predicting.id === id
          ? { predicting: { id, case: caseName, done: e.done, total: e.total } }
          : {},
      );
    });
    const { volume, prediction } = await predictWithModel(models, caseName, runId, { id, tta });
    const how = tta ? ', mirror-averaged' : '';
    update(runId, () => ({
      message: `predicted ${caseName} in ${Math.round(prediction.totalMs)} ms${how}`,
    }));
    return volume;
  } catch (e) {
    if (!(e instanceof EngineError && e.code === 'cancelled')) throw e;
    update(runId, () => ({ message: `prediction of ${caseName} cancelled` }));
    return null;
  } finally {
    off();
    // A later prediction with the same model keeps its own progress.
    update(runId, (r) => (r.predicting?.id === id ? { predicting: null } : {}));
  }
}

/** Cancels the prediction `id` (queued or running); it ends with a 'cancelled' error. */
export async function cancelPrediction(id: string): Promise<void> {
  await (await engineWithCases()).cancelPrediction(id);
}
