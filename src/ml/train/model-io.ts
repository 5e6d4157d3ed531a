/**
 * The engine's current model with what it needs to be used later (its spec, target and
 * training configuration), and its conversion to and from transferable tfjs artifacts
 * carrying that information as metadata.
 */
import type * as tf from '@tensorflow/tfjs';
import type { TargetSpec } from '../data/target';
import { loadFromArtifacts, saveToArtifacts, upgradeSpec } from '../models';
import { recognizeSpec } from '../models/recognize';
import type { ModelSpec } from '../models/spec';
import type { ModelArtifactsData, ModelMetadata } from '../types';
import type { TrainConfig } from './config';

/** A model and how to feed it. */
export interface ModelHandle {
  model: tf.LayersModel;
  /** Null when the model came from another tool without the studio's metadata. */
  spec: ModelSpec | null;
  target: TargetSpec;
  config?: TrainConfig;
  inputSize: number;
  /** Slices per input patch of a 3-D network; absent for 2-D ones. */
  patchDepth?: number;
  inChannels: number;
  numClasses: number;
}

/**
 * Reads input size, channels and classes from the model's own shapes: [batch, n, n,
 * channels] for a 2-D network, [batch, depth, n, n, channels] for a 3-D one.
 */
export function describeModel(
  model: tf.LayersModel,
  spec: ModelSpec | null,
  target: TargetSpec | null,
  config?: TrainConfig,
): ModelHandle {
  const input = model.inputs[0].shape;
  const output = model.outputs[0].shape;
  const volume = input.length === 5;
  const patchDepth = volume ? input[1] : undefined;
  const [inputSize, width, inChannels] = volume ? input.slice(2) : input.slice(1);
  const numClasses = output[output.length - 1];
  if (
    inputSize == null ||
    inChannels == null ||
    numClasses == null ||
    width !== inputSize ||
    patchDepth === null ||
    !(input.length === 4 || volume)
  ) {
    throw new Error(
      `unsupported model input ${JSON.stringify(input)}: expected [batch, n, n, channels] ` +
        'or [batch, depth, n, n, channels]',
    );
  }
  const inferred: TargetSpec =
    numClasses === 1
      ? { mode: 'binary', foregroundValues: [1] }
      : { mode: 'multiclass', values: Array.from({ length: numClasses - 1 }, (_, k) => k + 1) };
  return {
    model,
    spec,
    target: target ?? inferred,
    inputSize,
    ...(patchDepth !== undefined ? { patchDepth } : {}),
    inChannels,
    numClasses,
    ...(config ? { config } : {}),
  };
}

function singleBuffer(data: tf.io.ModelArtifacts['weightData']): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/** Serializes the model with the studio's metadata. */
export async function toArtifacts(handle: ModelHandle): Promise<ModelArtifactsData> {
  const artifacts = await saveToArtifacts(handle.model);
  if (artifacts.modelTopology == null || artifacts.weightSpecs == null) {
    throw new Error('model serialization produced no topology');
  }
  const metadata: ModelMetadata | undefined = handle.spec
    ? {
        spec: handle.spec,
        target: handle.target,
        ...(handle.config ? { config: handle.config } : {}),
      }
    : undefined;
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: singleBuffer(artifacts.weightData),
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * Rebuilds a model saved by {@link toArtifacts}, or a plain tfjs layers model. With
 * `recognize`, a plain model of a registered architecture (e.g. converted back from
 * Keras) gets its spec, so it can be fine-tuned; recognizing builds candidate networks,
 * so it is done once, when a model is imported.
 */
export async function fromArtifacts(
  data: ModelArtifactsData,
  { recognize = false }: { recognize?: boolean } = {},
): Promise<ModelHandle> {
  const model = await loadFromArtifacts({
    modelTopology: data.modelTopology,
    weightSpecs: data.weightSpecs,
    weightData: data.weightData,
  });
  const meta = data.metadata;
  const spec = meta?.spec ? upgradeSpec(meta.spec) : recognize ? await recognizeSpec(model) : null;
  const config = meta?.config && spec ? { ...meta.config, model: spec } : meta?.config;
  return describeModel(model, spec, meta?.target ?? null, config);
}
