/**
 * Prediction with one model or an ensemble: each model's class probabilities on the
 * case's grid, computed the way its geometry reads volumes (slice by slice for 2-D
 * networks, by sliding window for 3-D ones; mirrored too with test-time augmentation),
 * averaged over the models, then one decision (threshold or arg-max, largest region), and
 * on request the voxel entropy of the averaged probabilities as an uncertainty map.
 */
import { geometryOfModel, type ModelInput, type PredictControl } from '../../ml/geometry';
import {
  addProbabilities,
  decideLabels,
  entropyMap,
  type ProbabilityVolume,
} from '../../ml/infer/predict';
import { trainedMirrors } from '../../ml/geometry/mirrors';
import type { ModelHandle } from '../../ml/train/model-io';
import type { CaseData } from '../../ml/types';
import { EngineError } from '../../shared/engine-error';
import type { Prediction, PredictRequest } from '../api';

/** Refuses a model that cannot read this case. */
function checkFits(id: string, handle: ModelHandle, c: CaseData): void {
  if (c.channels.length !== handle.inChannels) {
    throw new EngineError(
      'channel-mismatch',
      `case ${c.name} has ${c.channels.length} channel(s); model ${id} takes ${handle.inChannels}`,
    );
  }
}

/** How `handle`'s model reads a volume: its spec, or its shapes. */
function inputOf(handle: ModelHandle): ModelInput {
  return handle.spec ?? { inputSize: handle.inputSize, patchDepth: handle.patchDepth };
}

/** Predicts case `c` with the models `ids` (looked up with `get`), averaged. */
export async function predictWith(
  get: (id: string) => Promise<ModelHandle>,
  ids: readonly string[],
  c: CaseData,
  request: Omit<PredictRequest, 'model' | 'case'>,
  control: PredictControl = {},
): Promise<Prediction> {
  if (ids.length === 0) throw new EngineError('no-model', 'no model to predict with');
  const t0 = performance.now();
  let sum: ProbabilityVolume | null = null;
  let first: ModelHandle | null = null;
  for (const [i, id] of ids.entries()) {
    if (control.cancelled?.()) throw new EngineError('cancelled', 'the prediction was cancelled');
    const handle = await get(id);
    checkFits(id, handle, c);
    if (first && handle.numClasses !== first.numClasses) {
      throw new EngineError('bad-config', `model ${id} predicts other classes than ${ids[0]}`);
    }
    first ??= handle;
    const p = await geometryOfModel(handle.model, handle.spec).predict(handle.model, c, {
      input: inputOf(handle),
      batchSize: request.batchSize,
      // Only the mirrors the model was trained with (mirrors.ts).
      tta: request.tta ? trainedMirrors(handle.config?.augmentation) : undefined,
      stride: request.stride,
      gaussian: request.gaussian,
      cancelled: control.cancelled,
      // An ensemble's progress runs over all of its models.
      onProgress: (done, total) => control.onProgress?.(i * total + done, ids.length * total),
    });
    if (sum) addProbabilities(sum, p);
    else sum = p;
  }
  if (!sum || !first) throw new EngineError('no-model', 'no model to predict with');
  if (ids.length > 1) for (let i = 0; i < sum.values.length; i++) sum.values[i] /= ids.length;
  const decided = decideLabels(sum, {
    target: first.target,
    threshold: request.threshold,
    largestComponent: request.largestComponent,
  });
  const totalMs = performance.now() - t0;
  return {
    case: c.name,
    dims: sum.dims,
    labels: decided.labels,
    probabilities: decided.probabilities,
    ...(request.uncertainty ? { uncertainty: entropyMap(sum) } : {}),
    msPerSlice: totalMs / Math.max(1, c.dims[2]),
    totalMs,
  };
}
