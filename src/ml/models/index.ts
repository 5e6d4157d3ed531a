/**
 * Entry point of the model layer: building any registered network from a ModelSpec,
 * counting its parameters, freezing its encoder for fine-tuning, and the specs new runs
 * start from. What each architecture is lives in its own folder and in registry.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import {
  architecture,
  definitionOf,
  type ArchitectureKind,
  type ArchitectureSpec,
} from './registry';
import type { ModelSpec, SpecWith } from './spec';

export { loadFromArtifacts, saveToArtifacts } from './serialize';
export { seedInitialWeights } from './seeded-init';
export * from './registry';
export type * from './spec';
export { networkInputChannels, sampleShape } from './spec';
export type {
  ArchitectureDef,
  ArchField,
  ArchPreset,
  LooseField,
  ReferenceParams,
} from './architecture';

/** Builds the network `spec` describes (not compiled; weights freshly initialized). */
export async function buildModel(spec: ModelSpec): Promise<tf.LayersModel> {
  const problem = specProblem(spec);
  if (problem) throw new Error(problem);
  const builder = await definitionOf(spec.architecture).load();
  return builder.build(spec);
}

/** The input edge must be a multiple of this for `arch` (2 to the number of poolings). */
export function inputMultiple(arch: ArchitectureSpec): number {
  return definitionOf(arch).inputMultiple(arch);
}

/** Why `spec` cannot be built, or null: input size, then the architecture's own checks. */
export function specProblem(spec: ModelSpec): string | null {
  const def = definitionOf(spec.architecture);
  const stride = def.inputMultiple(spec.architecture);
  if (!Number.isInteger(spec.inputSize) || spec.inputSize < stride || spec.inputSize % stride) {
    return `Input size ${spec.inputSize}: ${def.label} needs a multiple of ${stride}.`;
  }
  const context = spec.contextSlices ?? 1;
  if (!Number.isInteger(context) || context < 1 || context % 2 === 0) {
    return `Stacked slices ${context}: use an odd number (the centre slice is predicted).`;
  }
  if (def.geometry === 'volume') {
    const depth = spec.patchDepth ?? 0;
    if (!Number.isInteger(depth) || depth < stride || depth % stride) {
      return `Patch depth ${depth}: ${def.label} needs a multiple of ${stride} slices.`;
    }
    if (context !== 1) return `${def.label} sees whole patches: it takes no stacked slices.`;
  }
  return def.problem?.(spec) ?? null;
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
 * Marks the layers that the architecture calls its encoder as frozen (or unfrozen with
 * `frozen = false`) for fine-tuning. Returns how many layers changed state. Frozen layers
 * are also run in inference mode by the training step (batch norm on its moving
 * statistics), so their statistics stay put too.
 */
export function freezeEncoder(model: tf.LayersModel, spec: ModelSpec, frozen = true): number {
  if (model.name !== spec.architecture.kind) {
    throw new Error(`model '${model.name}' was not built from a ${spec.architecture.kind} spec`);
  }
  const def = definitionOf(spec.architecture);
  let changed = 0;
  for (const layer of model.layers) {
    if (!def.isEncoderLayer(layer.name) || layer.trainable === !frozen) continue;
    layer.trainable = !frozen;
    changed++;
  }
  return changed;
}

/** A preset's full spec; the preset defaults to the architecture's CPU-sized one. */
export function presetSpec<K extends ArchitectureKind>(
  kind: K,
  preset?: string,
): SpecWith<Extract<ArchitectureSpec, { kind: K }>> {
  const def = architecture(kind);
  const name = preset ?? def.defaultPreset;
  const p = def.presets[name];
  if (!p) throw new Error(`${def.label} has no preset '${name}'`);
  return {
    architecture: { ...p.architecture },
    inputSize: p.inputSize,
    inChannels: p.inChannels,
    numClasses: p.numClasses,
    ...(p.contextSlices !== undefined ? { contextSlices: p.contextSlices } : {}),
    ...(p.patchDepth !== undefined ? { patchDepth: p.patchDepth } : {}),
  };
}

/**
 * The spec a new run of `kind` starts from: the architecture's default preset at the
 * given input size, channels and classes.
 */
export function defaultSpec(
  kind: ArchitectureKind,
  inputSize: number,
  inChannels: number,
  numClasses: number,
): ModelSpec {
  return { ...presetSpec(kind), inputSize, inChannels, numClasses };
}

/**
 * A saved spec brought to the current shape (fields renamed since it was saved), or an
 * error for an architecture this version does not know.
 */
export function upgradeSpec(saved: ModelSpec): ModelSpec {
  const raw = saved.architecture as unknown as { kind: string } & Record<string, unknown>;
  const def = definitionOf({ kind: raw.kind } as ArchitectureSpec);
  const upgraded = def.upgrade ? def.upgrade(raw) : (raw as unknown as ArchitectureSpec);
  return { ...saved, architecture: upgraded };
}
