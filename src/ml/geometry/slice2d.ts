/**
 * The geometry of 2-D networks: every axial slice, normalized and fitted to the square
 * input, is a sample; 2.5-D networks see each slice with its neighbours stacked as
 * channels (seed 002's 13-slice DeepLabv3+), which the slice dataset and the slice-wise
 * prediction both handle. Drawing, augmenting and batching slices, validating slice by
 * slice within each case, and predicting slice by slice are the studio's original 2-D
 * pipeline, gathered here behind the geometry interface.
 */
import type * as tf from '@tensorflow/tfjs';
import { applyAugment, sampleAugmentParams, type AugmentParams } from '../data/augment';
import { makeBatch } from '../data/batch';
import { SliceDataset, type PreparedCase } from '../data/dataset';
import { prepareCase } from '../data/prepare';
import type { Rng } from '../data/rng';
import { predictProbabilities } from '../infer/predict';
import type { LossFn } from '../losses';
import { validate } from '../train/validate';
import type { Draw, Geometry, SetOptions, TrainBatch, TrainingSet, ValidationSet } from './types';

/** Slices drawn and augmented as the 2-D networks train on them. */
export class SliceSamples implements TrainingSet<AugmentParams> {
  readonly slicesPerSample = 1;

  constructor(
    readonly data: SliceDataset,
    private readonly o: SetOptions,
  ) {}

  get names(): string[] {
    return this.data.names;
  }

  get foreground(): readonly boolean[] {
    return this.data.foreground;
  }

  passLength(eligible: number): number {
    return eligible;
  }

  reportedSlices(eligible: number): number {
    return eligible;
  }

  drawParams(rng: Rng): AugmentParams {
    return sampleAugmentParams(this.o.augmentation, this.o.model.inputSize, rng);
  }

  batch(draws: readonly Draw<AugmentParams>[]): TrainBatch {
    const samples = draws.map(({ index, params }) => applyAugment(this.data.sample(index), params));
    return makeBatch(samples, this.o.model.numClasses);
  }
}

/** Held-out cases scored slice by slice, each case's slices together. */
export class SliceValidation implements ValidationSet {
  constructor(
    readonly data: SliceDataset,
    private readonly numClasses: number,
  ) {}

  get names(): string[] {
    return this.data.names;
  }

  get slices(): number {
    return this.data.count;
  }

  validate(model: tf.LayersModel, loss: LossFn, o: { batchSize: number; largestRegion: boolean }) {
    return validate(model, this.data, loss, this.numClasses, o.batchSize, {
      largestRegion: o.largestRegion,
    });
  }
}

export const sliceGeometry: Geometry<PreparedCase> = {
  kind: 'slice',
  fitSpec: (spec) => spec,
  prepare: (c, spec, target) => prepareCase(c, spec.inputSize, target, spec.sliceFit ?? 'resize'),
  trainingSet: (cases, o) =>
    new SliceSamples(new SliceDataset(cases, o.model.contextSlices ?? 1), o),
  validationSet: (cases, o) =>
    new SliceValidation(new SliceDataset(cases, o.model.contextSlices ?? 1), o.model.numClasses),
  predict: (model, image, o) =>
    predictProbabilities(model, image.channels, image.dims, {
      inputSize: o.input.inputSize,
      fit: o.input.sliceFit ?? 'resize',
      contextSlices: o.input.contextSlices ?? 1,
      batchSize: o.batchSize,
      tta: o.tta,
      onProgress: o.onProgress,
      cancelled: o.cancelled,
    }),
};
