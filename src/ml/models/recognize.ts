/**
 * Recognizes a model saved without the studio's metadata (a tfjs layers model converted
 * from Keras, say, after training elsewhere) as one of the registered architectures, so
 * that it can be fine-tuned here and not only used to predict. The studio names every
 * model after its architecture and every layer explicitly, and a round trip through
 * Keras keeps those names: a candidate spec (a preset of that architecture, or a spec the
 * caller knows) at the model's own input size, channels and classes is accepted when its
 * network has exactly the same layers, in order, with the same weight shapes. Only 2-D
 * architectures are recognized: a 3-D network also needs the voxel spacing it was trained
 * at, which the bare layers model does not carry.
 */
import type * as tf from '@tensorflow/tfjs';
import { buildModel, presetSpec, specProblem } from './index';
import { architecture, isArchitectureKind } from './registry';
import type { ModelSpec } from './spec';

/** Layer classes, names and weight shapes, in order: what must match. */
export function layerSignature(model: tf.LayersModel): string {
  return model.layers
    .map(
      (l) => `${l.getClassName()} ${l.name} ${l.weights.map((w) => w.shape.join('x')).join(',')}`,
    )
    .join('\n');
}

/**
 * The spec `model` was built from, or null when no candidate matches. `known` specs (e.g.
 * of the user's earlier runs) are tried before the architecture's presets.
 */
export async function recognizeSpec(
  model: tf.LayersModel,
  known: readonly ModelSpec[] = [],
): Promise<ModelSpec | null> {
  const kind = model.name;
  if (!isArchitectureKind(kind)) return null;
  const def = architecture(kind);
  if (def.geometry !== 'slice') return null;
  const input = model.inputs[0].shape;
  const output = model.outputs[0].shape;
  const inputSize = input[1];
  const inChannels = input[3];
  const numClasses = output[output.length - 1];
  if (inputSize == null || inChannels == null || numClasses == null) return null;
  const presets = [
    def.defaultPreset,
    ...Object.keys(def.presets).filter((p) => p !== def.defaultPreset),
  ];
  const candidates: ModelSpec[] = [
    ...known.filter((s) => s.architecture.kind === kind),
    ...presets.map((p) => presetSpec(kind, p)),
  ].map((s) => ({ ...s, inputSize, inChannels, numClasses, contextSlices: 1 }));
  const target = layerSignature(model);
  for (const spec of candidates) {
    if (specProblem(spec)) continue;
    let candidate: tf.LayersModel;
    try {
      candidate = await buildModel(spec);
    } catch {
      continue;
    }
    const same = layerSignature(candidate) === target;
    candidate.dispose();
    if (same) return spec;
  }
  return null;
}
