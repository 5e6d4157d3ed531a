/**
 * Training configurations the scripts send to the engine: the studio's default
 * configuration with the command line's changes, and the fixed short runs the benchmark
 * times. Steps are split into epochs because validation, early stopping and the
 * learning-rate schedule all work per epoch.
 */
import { defaultTrainConfig, trainingLoss, type TrainConfig } from '../../src/ml/train/config';
import type { TargetSpec } from '../../src/ml/data/target';
import { inputMultiple, type ArchitectureKind } from '../../src/ml/models';

/** A registered architecture, named as on the command line. */
export type Architecture = ArchitectureKind;

/** The input-edge multiple of the studio's default network for `model`. */
export function defaultInputMultiple(model: Architecture): number {
  return inputMultiple(defaultTrainConfig({ architecture: model }).model.architecture);
}

/** How a number of optimizer steps is split into epochs. */
export interface StepPlan {
  epochs: number;
  stepsPerEpoch: number;
  /** epochs * stepsPerEpoch: the requested steps, rounded up when epochs do not divide them. */
  total: number;
}

/**
 * Splits `steps` into `epochs` equal epochs (rounding the steps up), or, without a
 * requested epoch count, into the most epochs up to 10 that divide `steps` exactly, so
 * that early stopping gets several validations while the total stays as asked.
 */
export function planSteps(steps: number, epochs?: number): StepPlan {
  if (epochs !== undefined) {
    const stepsPerEpoch = Math.ceil(steps / epochs);
    return { epochs, stepsPerEpoch, total: stepsPerEpoch * epochs };
  }
  let best = 1;
  for (let e = 1; e <= Math.min(10, steps); e++) if (steps % e === 0) best = e;
  return { epochs: best, stepsPerEpoch: steps / best, total: steps };
}

/** What the eval command may change in the studio's default configuration. */
export interface EvalTrainOptions {
  model: Architecture;
  size?: number;
  /** 3-D networks: slices per patch. */
  depth?: number;
  batch?: number;
  steps?: number;
  epochs?: number;
  target: TargetSpec;
  inChannels: number;
  seed?: number;
  /** Early-stopping patience in epochs; 0 turns it off. */
  patience?: number;
  /** The loss instead of the architecture's default. */
  loss?: 'ce' | 'dice+ce';
}

/**
 * The studio's default configuration for `model` (Dice + BCE, Adam with cosine decay,
 * augmentation, class-balanced sampling, a 15 % validation hold-out by case with early
 * stopping) with the given size, batch, steps / epochs and target; a progress event
 * every step so that each step is timed.
 */
export function evalTrainConfig(o: EvalTrainOptions): TrainConfig {
  const base = defaultTrainConfig({
    architecture: o.model,
    inputSize: o.size,
    patchDepth: o.depth,
    target: o.target,
    inChannels: o.inChannels,
  });
  const config: TrainConfig = { ...base, progressEvery: 1, seed: o.seed ?? base.seed };
  if (o.batch !== undefined) config.batchSize = o.batch;
  if (o.patience !== undefined) config.earlyStoppingPatience = o.patience;
  if (o.loss !== undefined) config.loss = trainingLoss(o.target, o.loss);
  if (o.steps !== undefined) {
    const plan = planSteps(o.steps, o.epochs);
    config.epochs = plan.epochs;
    config.stepsPerEpoch = plan.stepsPerEpoch;
  } else if (o.epochs !== undefined) {
    config.epochs = o.epochs;
  }
  return config;
}

/**
 * A benchmark run: the studio's default network and loss for `model` at `size` (and, for
 * a 3-D network, `depth` slices per patch), batch `batch`, `steps` optimizer steps in one
 * epoch, no validation and no early stopping, so that only training steps are timed.
 */
export function benchTrainConfig(
  model: Architecture,
  size: number,
  batch: number,
  steps: number,
  target: TargetSpec,
  depth?: number,
): TrainConfig {
  const base = defaultTrainConfig({
    architecture: model,
    inputSize: size,
    patchDepth: depth,
    target,
  });
  return {
    ...base,
    batchSize: batch,
    epochs: 1,
    stepsPerEpoch: steps,
    autoValidationFraction: 0,
    earlyStoppingPatience: 0,
    progressEvery: 1,
  };
}

/**
 * A fine-tune's `steps` spread over the fewest epochs of at most `perEpoch` steps each
 * (rounded up so that epochs are equal): the studio's fine-tune reports per epoch.
 */
export function fineTuneSchedule(steps: number, perEpoch: number): StepPlan {
  const epochs = Math.max(1, Math.ceil(steps / perEpoch));
  const stepsPerEpoch = Math.ceil(steps / epochs);
  return { epochs, stepsPerEpoch, total: epochs * stepsPerEpoch };
}
