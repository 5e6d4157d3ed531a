/**
 * Everything a training run needs, as plain serializable data: the page edits it, sends
 * it to the worker and stores it with the run. No tfjs here, so the page may import it.
 */
import type { AugmentConfig } from '../data/augment';
import type { SamplingConfig } from '../data/sampler';
import { outputChannels, type TargetSpec } from '../data/target';
import type { LossSpec } from '../losses';
import { architecture as definition, presetSpec } from '../models';
import type { ArchitectureKind, ModelSpec } from '../models/spec';
import type { OptimizerConfig } from './optimizer';

export type { AugmentConfig } from '../data/augment';
export type { SamplingConfig } from '../data/sampler';
export type { TargetSpec } from '../data/target';
export type { LossSpec } from '../losses';
export type { OptimizerConfig } from './optimizer';
export type { LrSchedule } from './schedule';

/** A full training configuration. */
export interface TrainConfig {
  /** Network to build (ignored when fine-tuning: the loaded model's own spec is used). */
  model: ModelSpec;
  loss: LossSpec;
  optimizer: OptimizerConfig;
  batchSize: number;
  epochs: number;
  /** Optimizer steps per epoch; null means one pass over the training slices. */
  stepsPerEpoch: number | null;
  /** Epochs without a lower validation loss before stopping; 0 turns early stopping off. */
  earlyStoppingPatience: number;
  /** Smallest decrease of the monitored figure that counts as an improvement. */
  earlyStoppingMinDelta: number;
  /**
   * What early stopping watches and the kept weights are best at: validation Dice (the
   * figure users judge a model by) or validation loss. Absent in older runs: 'valLoss'.
   */
  earlyStoppingMonitor?: 'valDice' | 'valLoss';
  /**
   * Decay of the moving average of the weights that validation and the final model use;
   * 0 (or absent) trains without averaging.
   */
  weightAveraging?: number;
  /**
   * Validation scores a single foreground map on its largest connected region, as the
   * studio shows predictions by default. Absent in older runs: the raw mask.
   */
  validateLargestRegion?: boolean;
  augmentation: AugmentConfig;
  sampling: SamplingConfig;
  target: TargetSpec;
  /** Seeds the automatic split, slice sampling, augmentation and initial weights. */
  seed: number;
  /** Weight alpha of every side output of a deeply-supervised model (seed 001). */
  deepSupervisionWeight: number;
  /** Weights alpha_i of each side output, overriding the single weight when given. */
  deepSupervisionWeights?: number[];
  /**
   * Side-output weights fall linearly to zero over the run, as deep supervision is usually
   * run (the side outputs guide early training, the final output decides the end).
   */
  deepSupervisionDecay?: boolean;
  /**
   * Fraction of the training cases held out (by case) for validation when no case has
   * the 'val' role; 0 disables the automatic hold-out.
   */
  autoValidationFraction: number;
  /**
   * Continue from the current model (loaded or last trained) instead of building a new
   * one; optionally freeze its encoder. Null: train from scratch.
   */
  fineTune: { freezeEncoder: boolean } | null;
  /** A progress event every this many steps. */
  progressEvery: number;
}

/** Options of {@link defaultTrainConfig}. */
export interface DefaultTrainOptions {
  /** What to learn; default: binary, label value 1 as foreground (PROMISE12). */
  target?: TargetSpec;
  /** Image channels per case; default 1. */
  inChannels?: number;
  /** Default 'unet'. */
  architecture?: ArchitectureKind;
  /** Square input edge; default: the architecture's own (128 for U-Net, 256 for ENet). */
  inputSize?: number;
  /** 3-D networks: slices per patch; default: the architecture's own. */
  patchDepth?: number;
}

/**
 * Dice + cross-entropy by default: overlap for the small prostate, cross-entropy for
 * stable early steps; or cross-entropy alone where an architecture's source trains so.
 */
/** The loss a run of `target` trains with: cross-entropy alone, or Dice plus cross-entropy. */
export function trainingLoss(target: TargetSpec, choice: 'ce' | 'dice+ce' = 'dice+ce'): LossSpec {
  const ce: LossSpec = target.mode === 'binary' ? { name: 'bce' } : { name: 'cce' };
  if (choice === 'ce') return ce;
  return {
    name: 'combo',
    terms: [
      { spec: { name: 'dice' }, weight: 1 },
      { spec: ce, weight: 1 },
    ],
  };
}

/**
 * A configuration that trains a useful prostate model on PROMISE12 or the built-in phantom
 * without tuning, at a size a CPU can train (an architecture's `training` defaults take
 * precedence where it has them): U-Net 4 levels, 16 base filters, batch norm,
 * 128x128 input, Adam 1e-3 with cosine decay, Dice + cross-entropy, batch 8, 30 epochs of
 * one pass each with early stopping on validation Dice after 6 flat epochs, weight
 * averaging, class-balanced sampling, and light augmentation (left-right flips, rotation
 * up to 10 degrees, 5 % shifts, zoom 0.85-1.15, intensity scale and shift of 10 %): the
 * training cases' own spread of gland sizes covers the rest.
 */
export function defaultTrainConfig(options: DefaultTrainOptions = {}): TrainConfig {
  const target = options.target ?? { mode: 'binary', foregroundValues: [1] };
  const kind = options.architecture ?? 'unet';
  const def = definition(kind);
  // The architecture's own training settings (seed 002's 3-D networks: BCE, weight decay
  // 1e-4, their learning rates and patches) where it has them.
  const own = def.training ?? {};
  const preset = presetSpec(kind);
  const depth = options.patchDepth ?? own.patchDepth ?? preset.patchDepth;
  const model: ModelSpec = {
    ...preset,
    inputSize: options.inputSize ?? def.defaultInputSize,
    inChannels: options.inChannels ?? 1,
    numClasses: outputChannels(target),
    ...(depth !== undefined ? { patchDepth: depth } : {}),
  };
  const learningRate = own.learningRate ?? 1e-3;
  return {
    model,
    loss: trainingLoss(target, own.loss),
    optimizer: {
      kind: 'adam',
      learningRate,
      momentum: 0.9,
      weightDecay: own.weightDecay ?? 1e-5,
      schedule: { kind: 'cosine', minLr: Math.min(1e-5, learningRate / 10) },
    },
    batchSize: own.batchSize ?? 8,
    epochs: 30,
    stepsPerEpoch: null,
    earlyStoppingPatience: 6,
    earlyStoppingMinDelta: 1e-4,
    earlyStoppingMonitor: 'valDice',
    weightAveraging: 0.99,
    validateLargestRegion: true,
    augmentation: {
      flipX: true,
      flipY: false,
      rotationDeg: 10,
      translation: 0.05,
      zoom: 0.15,
      intensityScale: 0.1,
      intensityShift: 0.1,
    },
    sampling: { dropEmptySlices: false, classBalanced: true },
    target,
    seed: 42,
    deepSupervisionWeight: 0.5,
    autoValidationFraction: 0.15,
    fineTune: null,
    progressEvery: 1,
  };
}
