/**
 * The input-geometry seam: what the trainer, validation, the engine and prediction need
 * from "how a network sees a volume", so that none of them says slice or patch. A 2-D
 * network sees axial slices (with neighbours stacked as channels for 2.5-D), a 3-D one
 * sees patches cut from the volume and predicts it window by window; each is one
 * implementation of {@link Geometry}, chosen by the architecture definition's `geometry`.
 */
import type * as tf from '@tensorflow/tfjs';
import type { AugmentConfig } from '../data/augment';
import type { Rng } from '../data/rng';
import type { TargetSpec } from '../data/target';
import type { ProbabilityVolume } from '../infer/predict';
import type { LossFn } from '../losses';
import type { InputGeometry } from '../models/architecture';
import type { ModelSpec } from '../models/spec';
import type { ValidationResult } from '../train/validation-result';
import type { CaseData } from '../types';
import type { Mirrors } from './mirrors';

/** Inputs and targets of one training step; the caller disposes both. */
export interface TrainBatch {
  x: tf.Tensor;
  y: tf.Tensor;
}

/** One sample the sampler chose, with its random transform. */
export interface Draw<P> {
  index: number;
  params: P;
}

/** The samples a run trains on: drawn by index, each flagged foreground or not. */
export interface TrainingSet<P = unknown> {
  /** Case names, in order. */
  readonly names: string[];
  /** Whether each drawable item (a slice, a patch centre) holds foreground: the sampler's classes. */
  readonly foreground: readonly boolean[];
  /** Slices one sample carries (1, or the patch depth), for the speed a run reports. */
  readonly slicesPerSample: number;
  /** Samples in one pass over the data, given the items the sampler may draw. */
  passLength(eligible: number): number;
  /** Slices the run reports training on, given the items the sampler may draw. */
  reportedSlices(eligible: number): number;
  /**
   * One sample's random transform. Every random draw of a sample happens here, in the
   * order samples are drawn, so a resumed run replays them from the seed.
   */
  drawParams(rng: Rng): P;
  /** The batch of the drawn samples, transformed. */
  batch(draws: readonly Draw<P>[]): TrainBatch;
}

/** Held-out cases scored after every epoch. */
export interface ValidationSet {
  readonly names: string[];
  /** Slices the run reports validating on. */
  readonly slices: number;
  /** Loss and Dice of `model` (in inference mode) on every case. */
  validate(
    model: tf.LayersModel,
    loss: LossFn,
    options: { batchSize: number; largestRegion: boolean },
  ): Promise<ValidationResult>;
}

/** A labelled case as the engine holds it. */
export type LabelledCase = Pick<
  CaseData,
  'name' | 'channels' | 'dims' | 'spacing' | 'label' | 'reviewed'
>;

/** An image volume to predict. */
export type ImageVolume = Pick<CaseData, 'name' | 'channels' | 'dims' | 'spacing'>;

/** What building a training or validation set takes from the run's configuration. */
export interface SetOptions {
  model: ModelSpec;
  augmentation: AugmentConfig;
}

/** How a model reads a volume: its spec, or what its shapes say for a model from elsewhere. */
export type ModelInput = Pick<
  ModelSpec,
  'inputSize' | 'sliceFit' | 'contextSlices' | 'patchDepth' | 'voxelSpacing'
>;

/** Progress of a long prediction, and whether to give it up. */
export interface PredictControl {
  /** After each batch of slices or windows: how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; true ends the prediction with a 'cancelled' error. */
  cancelled?: () => boolean;
}

/** Settings of {@link Geometry.predict}. */
export interface PredictInput extends PredictControl {
  input: ModelInput;
  /** Slices or windows per forward pass. */
  batchSize?: number;
  /** Average with the mirrored inputs the model was trained to be invariant to (mirrors.ts). */
  tta?: Mirrors;
  /** 3-D: window stride [z, y, x] in voxels; default half the patch (seed 002). */
  stride?: [number, number, number];
  /** 3-D: weight each window's voxels by a Gaussian centred on it; default uniform. */
  gaussian?: boolean;
}

/** One way for a network to see volumes. */
export interface Geometry<C = unknown> {
  readonly kind: InputGeometry;
  /** `spec` with what it leaves to the data filled in from the training cases. */
  fitSpec(spec: ModelSpec, cases: readonly LabelledCase[]): ModelSpec;
  /** One labelled case normalized and fitted to the spec's input. */
  prepare(c: LabelledCase, spec: ModelSpec, target: TargetSpec): C;
  /** The samples a sampler draws from. */
  trainingSet(cases: readonly C[], o: SetOptions): TrainingSet;
  /** The held-out cases, scored whole. */
  validationSet(cases: readonly C[], o: SetOptions): ValidationSet;
  /** Class probabilities of a volume on its own grid. */
  predict(model: tf.LayersModel, image: ImageVolume, o: PredictInput): Promise<ProbabilityVolume>;
}
