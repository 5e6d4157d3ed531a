/**
 * Entry point for building segmentation networks from a ModelSpec, counting their
 * parameters, and freezing the encoder for fine-tuning.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildENet } from './enet';
import { UNET_PRESETS } from './presets';
import type { ModelSpec } from './spec';
import { buildUNet } from './unet';

export { buildENet } from './enet';
export { buildUNet, unetFilters } from './unet';
export {
  ENET_SEED000,
  UNET_PRESETS,
  type ENetModelSpec,
  type UNetModelSpec,
  type UNetPresetName,
} from './presets';
export { loadFromArtifacts, saveToArtifacts } from './serialize';
export { seedInitialWeights } from './seeded-init';
export { inputMultiple } from './input-size';
export type * from './spec';

/** Builds the network `spec` describes (not compiled; weights freshly initialized). */
export function buildModel(spec: ModelSpec): tf.LayersModel {
  switch (spec.architecture.kind) {
    case 'unet':
      return buildUNet(spec);
    case 'enet':
      return buildENet(spec);
  }
}

/** Parameter counts as Keras reports them. */
export interface ParamCount {
  /** Weights the optimizer updates (excludes frozen layers). */
  trainable: number;
  /** Everything else, e.g. batch-norm moving means and variances. */
  nonTrainable: number;
}

function size(weights: tf.LayerVariable[]): number {
  return weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

/** Counts trainable and non-trainable parameters of `model`. */
export function countParams(model: tf.LayersModel): ParamCount {
  return { trainable: size(model.trainableWeights), nonTrainable: size(model.nonTrainableWeights) };
}

/**
 * Marks the encoder layers (names starting with `enc_`: the U-Net contracting path and
 * bottleneck, ENet's initial block and stages 1-3) as frozen (or unfrozen with
 * `frozen = false`) for fine-tuning. Returns how many layers changed state. Note that tfjs
 * batch norm still normalizes with batch statistics (and updates its moving averages)
 * whenever the model runs in training mode, frozen or not.
 */
export function freezeEncoder(model: tf.LayersModel, spec: ModelSpec, frozen = true): number {
  if (model.name !== spec.architecture.kind) {
    throw new Error(`model '${model.name}' was not built from a ${spec.architecture.kind} spec`);
  }
  let changed = 0;
  for (const layer of model.layers) {
    if (!layer.name.startsWith('enc_') || layer.trainable === !frozen) continue;
    layer.trainable = !frozen;
    changed++;
  }
  return changed;
}

/**
 * A sensible spec for `kind` at the given input/output sizes: the studio's CPU-sized U-Net,
 * or ENet with the paper's dropout rates.
 */
export function defaultSpec(
  kind: ModelSpec['architecture']['kind'],
  inputSize: number,
  inChannels: number,
  numClasses: number,
): ModelSpec {
  const architecture =
    kind === 'unet'
      ? { ...UNET_PRESETS.studioDefault.architecture }
      : {
          kind: 'enet' as const,
          dropoutStage1: 0.01,
          dropout: 0.1,
          decoderActivation: 'relu' as const,
        };
  return { architecture, inputSize, inChannels, numClasses };
}
