/**
 * What the studio knows about one network architecture, in one object: its name, the
 * inputs it takes, its presets (with the parameter counts their papers report), the fields
 * the Train panel shows for it, which layers form its encoder, how many deep-supervision
 * side outputs it has, and how to build it. Every architecture folder under
 * `src/ml/models/` exports one such definition and `registry.ts` lists them; nothing else
 * in the studio names an architecture.
 *
 * This module holds types only, so that the page may import definitions without loading
 * tfjs: the builder is fetched on demand by {@link ArchitectureDef.load}.
 */
import type * as tf from '@tensorflow/tfjs';
import type { SpecWith } from './input-spec';

export type { SpecWith } from './input-spec';

/** Nonlinearities seed 004 compares; LeakyReLU uses a slope of 0.01 (nnU-Net's). */
export type Activation = 'relu' | 'prelu' | 'leakyrelu';

/** Normalization layers seed 004 compares (instance norm as in nnU-Net). */
export type Normalization = 'batch' | 'instance' | 'none';

/** How the network sees a volume: 2-D slices (with optional neighbours as channels) or 3-D patches. */
export type InputGeometry = 'slice' | 'volume';

/** Keys of `S` whose (defined) values are of type `V`. */
type KeysOf<S, V> = { [K in keyof S]-?: NonNullable<S[K]> extends V ? K : never }[keyof S] & string;

/** One input of the Train panel, bound to a field of the architecture spec. */
export type ArchField<S> =
  | {
      kind: 'number';
      key: KeysOf<S, number>;
      label: string;
      min: number;
      max: number;
      step: number;
      /** Whole numbers only. */
      integer?: boolean;
    }
  | {
      kind: 'select';
      key: KeysOf<S, string | number>;
      label: string;
      options: readonly { value: string | number; label: string }[];
    }
  | { kind: 'check'; key: KeysOf<S, boolean>; label: string }
  | {
      /** A comma-separated list of whole numbers, e.g. layers per dense block. */
      kind: 'int-list';
      key: KeysOf<S, readonly number[]>;
      label: string;
      min: number;
      max: number;
      minLength: number;
      maxLength: number;
    };

/** A field with its key as a plain string: how the form renders any architecture's fields. */
export type LooseField =
  ArchField<unknown> extends infer F
    ? F extends { key: unknown }
      ? Omit<F, 'key'> & { key: string }
      : never
    : never;

/** Parameter count a source reports for a configuration. */
export interface ReferenceParams {
  /** Trainable + non-trainable, as the source states it. */
  total: number;
  /** Where the figure comes from, e.g. "Jégou et al. 2017, Table 2". */
  source: string;
}

/** A named configuration, usually the one of a paper. */
export interface ArchPreset<S> {
  /** Shown in the preset menu, e.g. "FC-DenseNet103 (Jégou et al. 2017)". */
  label: string;
  architecture: S;
  /** The input the source used (the Train panel keeps the user's input size). */
  inputSize: number;
  inChannels: number;
  numClasses: number;
  /** 2.5-D input: neighbouring slices stacked as channels (seed 002 uses 13). */
  contextSlices?: number;
  /** 3-D input: slices per patch (seed 002: 16). */
  patchDepth?: number;
  /** The parameter count the source reports at this configuration, when it reports one. */
  reference?: ReferenceParams;
}

/**
 * Training settings an architecture's source prescribes where they differ from the
 * studio's 2-D defaults (Dice + cross-entropy, Adam 1e-3, weight decay 1e-5, batch 8);
 * `defaultTrainConfig` starts new runs of the architecture from them.
 */
export interface TrainingDefaults {
  /** 'ce': cross-entropy alone (binary for one output); 'dice+ce': the studio's default. */
  loss?: 'ce' | 'dice+ce';
  learningRate?: number;
  /** L2 factor on convolution kernels. */
  weightDecay?: number;
  batchSize?: number;
  /** 3-D patches: slices per patch of new runs. */
  patchDepth?: number;
}

/** The part of a definition that needs tfjs, loaded on demand. */
export interface ArchitectureBuilder<S = { kind: string }> {
  /** Builds the network (not compiled; weights freshly initialized). */
  build(spec: SpecWith<S>): tf.LayersModel;
}

/** Everything the studio knows about one architecture. */
export interface ArchitectureDef<K extends string = string, S extends { kind: K } = { kind: K }> {
  kind: K;
  /** Short name for menus and run names, e.g. "FC-DenseNet". */
  label: string;
  /** One sentence naming the paper, shown under the model menu. */
  description: string;
  geometry: InputGeometry;
  presets: Readonly<Record<string, ArchPreset<S>>>;
  /** The preset new runs start from: sized to train on a laptop CPU. */
  defaultPreset: string;
  /** Input edge new runs start with (in-plane patch edge for 3-D networks). */
  defaultInputSize: number;
  /** How new runs of this architecture train, where it differs from the studio default. */
  training?: TrainingDefaults;
  /**
   * The smallest configuration that keeps the architecture's structure: what the tests
   * and the smoke benchmark train in seconds.
   */
  tiny: S;
  /**
   * The input edge (and, for 3-D networks, the patch depth) must be a multiple of this
   * (2 to the number of 2x poolings).
   */
  inputMultiple(arch: S): number;
  /**
   * Floats the network's layers output for one input sample of `spec`'s shape: what
   * training keeps for the backward pass, for the memory estimate shown before a run.
   */
  activations?(spec: SpecWith<S>): number;
  /** Trainable + non-trainable parameters of `spec`'s network, counted without building it. */
  parameters?(spec: SpecWith<S>): number;
  /** The Train panel's fields for this architecture, in order. */
  fields: readonly ArchField<S>[];
  /** Deep-supervision side outputs the network adds after its final output. */
  sideOutputs(arch: S): number;
  /** Whether a layer belongs to the encoder (frozen when fine-tuning with a frozen encoder). */
  isEncoderLayer(layerName: string): boolean;
  /** Why this configuration cannot be built, or null; checked before a run starts. */
  problem?(spec: SpecWith<S>): string | null;
  /** Brings a spec saved by an older version to the current shape. */
  upgrade?(saved: Record<string, unknown>): S;
  load(): Promise<ArchitectureBuilder<S>>;
}

/** Layers whose names start with `enc_`: the convention every studio builder follows. */
export function encoderByPrefix(layerName: string): boolean {
  return layerName.startsWith('enc_');
}

/** A definition without its builder: what the builder itself may import. */
export type ArchitectureParts<K extends string, S extends { kind: K }> = Omit<
  ArchitectureDef<K, S>,
  'load'
>;

/** Identity helper that keeps the literal kind and spec type of a definition's parts. */
export function defineParts<K extends string, S extends { kind: K }>(
  parts: ArchitectureParts<K, S>,
): ArchitectureParts<K, S> {
  return parts;
}

/** Identity helper that keeps the literal kind and spec type of a definition. */
export function defineArchitecture<K extends string, S extends { kind: K }>(
  def: ArchitectureDef<K, S>,
): ArchitectureDef<K, S> {
  return def;
}
