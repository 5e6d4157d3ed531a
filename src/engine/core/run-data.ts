/**
 * What a run trains and validates on, in its network's input geometry: the cases
 * prepared for the model's spec, as the samples the trainer draws and the held-out set it
 * scores; and a new model's spec completed from its training cases (a 3-D network's voxel
 * spacing).
 */
import { geometryOf } from '../../ml/geometry';
import type { ModelSpec } from '../../ml/models/spec';
import type { TrainConfig } from '../../ml/train/config';
import type { TrainingData } from '../../ml/train/trainer';
import type { CaseData } from '../../ml/types';

/** `config` with its model's spec completed from the training cases. */
export function fittedConfig(config: TrainConfig, train: readonly CaseData[]): TrainConfig {
  return { ...config, model: geometryOf(config.model).fitSpec(config.model, train) };
}

/** The training samples and validation set of a run of `spec`. */
export function trainingData(
  spec: ModelSpec,
  config: TrainConfig,
  cases: { train: readonly CaseData[]; val: readonly CaseData[] },
): TrainingData {
  const geometry = geometryOf(spec);
  const prepare = (c: CaseData) => geometry.prepare(c, spec, config.target);
  const o = { model: spec, augmentation: config.augmentation };
  return {
    train: geometry.trainingSet(cases.train.map(prepare), o),
    val: cases.val.length > 0 ? geometry.validationSet(cases.val.map(prepare), o) : null,
  };
}
