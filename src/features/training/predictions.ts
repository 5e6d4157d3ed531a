/**
 * Predictions the viewer overlays: a run's model (or the model still training, between its
 * epochs; or an ensemble's members, or the fold that held the case out) segments a case
 * on the case's own grid, and the mask lands in the store.
 */
import type { Prediction } from '../../engine/api';
import type { Volume } from '../../io/volume';
import { useStudio } from '../../store';
import { engineWithCases } from './engine-session';
import { modelsFor } from './model-routing';
import { usePredictOptions } from './predict-options';

/** Options a prediction may take besides the model and case. */
export interface PredictOptions {
  tta?: boolean;
  uncertainty?: boolean;
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

/**
 * Predicts one case with a run's model(s), mirror-averaged when the model list says so
 * (`preview`: never, as between epochs); the result lands in the store on the case's grid.
 */
export async function predictCase(
  runId: string,
  caseName: string,
  { preview = false }: { preview?: boolean } = {},
): Promise<Volume> {
  const run = useStudio.getState().runs.find((r) => r.id === runId);
  const models = run ? modelsFor(run, caseName) : runId;
  const tta = !preview && usePredictOptions.getState().tta;
  const { volume, prediction } = await predictWithModel(models, caseName, runId, { tta });
  const how = tta ? ', mirror-averaged' : '';
  useStudio.getState().updateRun(runId, () => ({
    message: `predicted ${caseName} in ${Math.round(prediction.totalMs)} ms${how}`,
  }));
  return volume;
}
