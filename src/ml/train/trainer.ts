/**
 * The training loop: seeded sampling and augmentation, batched steps, learning-rate
 * schedule, validation per epoch, early stopping with best-weight restore, pause / resume
 * / stop between steps, progress reports, and a checkpoint after every epoch from which
 * a run continues exactly (see train-state.ts). It runs the same in a Node test and in the
 * worker; it yields to the event loop every step so control messages get through.
 *
 * Tensor discipline: every step's tensors are disposed or accumulated into a fixed set of
 * sums that are read and released once per epoch, so the live tensor count is the same at
 * the end of every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../data/rng';
import { SliceSampler } from '../data/sampler';
import type { TrainBatch, TrainingSet, ValidationSet } from '../geometry/types';
import { makeLoss, type LossFn } from '../losses';
import { countParams } from '../models';
import type { EpochMetrics, RunProgress, RunResult, RunStarted } from '../types';
import { serializeEngineError } from '../../shared/engine-error';
import type { SerializedError } from '../../shared/errors';
import type { TrainConfig } from './config';
import { yieldToEventLoop, type RunControl } from './control';
import { Clock, EpochSums } from './run-stats';
import { EarlyStopping, WeightSnapshot } from './early-stopping';
import { createOptimizer, setLearningRate } from './optimizer';
import { learningRateAt } from './schedule';
import { sideWeightsAt } from './side-weights';
import { makeTrainStep, type StepResult } from './step';
import { NormStatsWarmup } from './norm-warmup';
import {
  readAll,
  readOptimizer,
  tensorsLike,
  writeOptimizer,
  type TrainState,
} from './train-state';
import type { ValidationResult } from './validation-result';
import { WeightAverage } from './weight-average';

/** Listeners for a run; all optional. */
export interface TrainCallbacks {
  onStarted?(info: RunStarted): void;
  onProgress?(progress: RunProgress): void;
  onEpoch?(metrics: EpochMetrics): void;
  /** After every epoch, the state to continue from; the run waits while it is stored. */
  onCheckpoint?(state: TrainState): Promise<void>;
}

export type TrainResult = RunResult;

/** Training samples and (optional) validation cases, in the model's input geometry. */
export interface TrainingData {
  train: TrainingSet;
  val: ValidationSet | null;
}

/** Steps per epoch: as configured, or one pass over the eligible training samples. */
export function resolveStepsPerEpoch(config: TrainConfig, eligibleSlices: number): number {
  if (config.stepsPerEpoch !== null) return Math.max(1, Math.floor(config.stepsPerEpoch));
  return Math.max(1, Math.ceil(eligibleSlices / config.batchSize));
}

function checkConfig(config: TrainConfig): void {
  if (!(config.batchSize >= 1) || !Number.isInteger(config.batchSize)) {
    throw new RangeError('batch size must be a positive integer');
  }
  if (!(config.epochs >= 1) || !Number.isInteger(config.epochs)) {
    throw new RangeError('epochs must be a positive integer');
  }
}

/**
 * The figure early stopping minimizes: 1 - validation Dice or the validation loss, as
 * configured, or the training loss when there is no validation data.
 */
export function monitoredValue(
  config: Pick<TrainConfig, 'earlyStoppingMonitor'>,
  val: ValidationResult | null,
  trainLoss: number,
): number {
  if (!val) return trainLoss;
  return config.earlyStoppingMonitor === 'valDice' ? 1 - val.dice : val.loss;
}

/** Everything one run needs between steps. */
class Run {
  private readonly sampler: SliceSampler;
  private readonly loss: LossFn;
  private readonly optimizer: tf.Optimizer;
  private readonly step: (batch: TrainBatch, sideWeights: readonly number[]) => StepResult;
  private readonly augmentRng: Rng;
  private readonly stopper: EarlyStopping;
  private readonly best = new WeightSnapshot();
  private readonly average: WeightAverage | null;
  private readonly clock = new Clock();
  private readonly normWarmup: NormStatsWarmup;
  private history: EpochMetrics[] = [];
  private firstEpoch = 1;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  reason: RunResult['reason'] = 'finished';

  constructor(
    private readonly model: tf.LayersModel,
    private readonly data: TrainingData,
    private readonly config: TrainConfig,
    private readonly control: RunControl,
    private readonly callbacks: TrainCallbacks,
  ) {
    this.sampler = new SliceSampler(data.train.foreground, config.sampling, config.seed);
    this.stepsPerEpoch = resolveStepsPerEpoch(config, data.train.passLength(this.sampler.size));
    this.totalSteps = this.stepsPerEpoch * config.epochs;
    this.loss = makeLoss(config.loss);
    this.optimizer = createOptimizer(config.optimizer);
    this.step = makeTrainStep(model, this.optimizer, {
      loss: this.loss,
      weightDecay: config.optimizer.weightDecay,
    });
    this.augmentRng = createRng(config.seed ^ 0x9e3779b9);
    this.stopper = new EarlyStopping(config.earlyStoppingPatience, config.earlyStoppingMinDelta);
    const decay = config.weightAveraging ?? 0;
    this.average = decay > 0 ? new WeightAverage(model, decay) : null;
    // A fine-tuned model's statistics are already meaningful: no warm-up for them.
    this.normWarmup = new NormStatsWarmup(model, config.fineTune ? Number.MAX_SAFE_INTEGER : 0);
  }

  started(): RunStarted {
    return {
      params: countParams(this.model),
      stepsPerEpoch: this.stepsPerEpoch,
      totalSteps: this.totalSteps,
      trainCases: this.data.train.names,
      valCases: this.data.val?.names ?? [],
      trainSlices: this.data.train.reportedSlices(this.sampler.size),
      valSlices: this.data.val?.slices ?? 0,
      backend: tf.getBackend(),
      resumedAtEpoch: this.firstEpoch - 1,
    };
  }

  /** Continues from a checkpoint: weights, optimizer, averages, curves, sampler position. */
  async restore(state: TrainState): Promise<void> {
    if (state.epoch >= this.config.epochs) throw new Error('the run had already finished');
    const weights = tensorsLike(state.weights, this.model.weights);
    this.model.setWeights(weights);
    tf.dispose(weights);
    await writeOptimizer(this.optimizer, state.optimizer);
    if (this.average && state.average) this.average.restore(state.average);
    if (state.best) this.best.set(this.model, state.best);
    Object.assign(this.stopper, state.stopper);
    Object.assign(this.clock, state.clock);
    this.history = [...state.history];
    this.firstEpoch = state.epoch + 1;
    if (!this.config.fineTune) this.normWarmup.skip(state.step);
    // The seeded streams are replayed, not stored: each step draws its samples, then each
    // sample its augmentation, as nextBatch does.
    for (let s = 0; s < state.step; s++) this.drawBatch();
  }

  private async snapshot(epoch: number): Promise<TrainState> {
    return {
      epoch,
      step: epoch * this.stepsPerEpoch,
      weights: await readAll(this.model.getWeights()),
      optimizer: await readOptimizer(this.optimizer),
      average: this.average ? await this.average.read() : null,
      best: await this.best.read(),
      stopper: {
        best: this.stopper.best,
        bestEpoch: this.stopper.bestEpoch,
        wait: this.stopper.wait,
      },
      history: [...this.history],
      clock: { activeMs: this.clock.activeMs, slices: this.clock.slices, steps: this.clock.steps },
    };
  }

  private lrAt(globalStep: number): number {
    const o = this.config.optimizer;
    return learningRateAt(
      o.schedule,
      o.learningRate,
      globalStep,
      this.stepsPerEpoch,
      this.totalSteps,
    );
  }

  /** The samples of the next batch and their augmentation parameters. */
  private drawBatch() {
    return this.sampler.take(this.config.batchSize).map((i) => ({
      index: i,
      params: this.data.train.drawParams(this.augmentRng),
    }));
  }

  private nextBatch(): TrainBatch {
    return this.data.train.batch(this.drawBatch());
  }

  /** One optimizer step, adding its loss and Dice counts to `sums`. */
  private async trainStep(epoch: number, globalStep: number, sums: EpochSums): Promise<void> {
    setLearningRate(this.optimizer, this.lrAt(globalStep));
    const t0 = performance.now();
    const batch = this.nextBatch();
    const sides = sideWeightsAt(
      this.config,
      this.model.outputs.length - 1,
      globalStep,
      this.totalSteps,
    );
    const result = this.normWarmup.step(() => this.step(batch, sides));
    tf.dispose([batch.x, batch.y]);
    this.average?.update();
    const n = globalStep + 1;
    const report = n % Math.max(1, this.config.progressEvery) === 0 || n === this.totalSteps;
    const stepLoss = report ? (await result.loss.data())[0] : Number.NaN;
    sums.add(result);
    this.clock.record(
      performance.now() - t0,
      this.config.batchSize * this.data.train.slicesPerSample,
    );
    if (!report) return;
    const mem = tf.memory();
    this.callbacks.onProgress?.({
      step: n,
      totalSteps: this.totalSteps,
      epoch,
      stepLoss,
      slicesPerSecond: this.clock.slices / Math.max(1e-9, this.clock.activeMs / 1000),
      elapsedMs: this.clock.activeMs,
      etaMs: this.clock.eta(this.totalSteps - n),
      numTensors: mem.numTensors,
      numBytes: mem.numBytes,
      backend: tf.getBackend(),
    });
  }

  /** Trains one epoch; false when stopped part-way (the partial epoch is not scored). */
  private async trainEpoch(epoch: number, sums: EpochSums): Promise<boolean> {
    for (let s = 0; s < this.stepsPerEpoch; s++) {
      if (!(await this.control.checkpoint())) return false;
      await this.trainStep(epoch, (epoch - 1) * this.stepsPerEpoch + s, sums);
      await yieldToEventLoop();
    }
    return true;
  }

  /** Validates the model as it stands and keeps its weights when they are the best so far. */
  private async scoreAndKeep(
    epoch: number,
    trainLoss: number,
  ): Promise<{ scored: ValidationResult | null; stop: boolean }> {
    const { val } = this.data;
    const scored =
      val && val.slices > 0
        ? await val.validate(this.model, this.loss, {
            batchSize: this.config.batchSize * 2,
            largestRegion: this.config.validateLargestRegion === true,
          })
        : null;
    const verdict = this.stopper.update(epoch, monitoredValue(this.config, scored, trainLoss));
    // Only a validated optimum is worth rolling back to; without validation the last
    // weights are kept.
    if (verdict.improved && scored) this.best.capture(this.model);
    return { scored, stop: verdict.stop };
  }

  /** Scores a finished epoch (on the averaged weights, with averaging) and decides on stopping. */
  private async endEpoch(epoch: number, sums: EpochSums): Promise<void> {
    const train = await sums.read();
    const score = () => this.scoreAndKeep(epoch, train.loss);
    const { scored, stop } = await (this.average ? this.average.withAverage(score) : score());
    const metrics: EpochMetrics = {
      epoch,
      trainLoss: train.loss,
      trainDice: train.dice,
      trainAccuracy: train.accuracy,
      trainMeanIoU: train.meanIoU,
      valLoss: scored?.loss ?? null,
      valDice: scored?.dice ?? null,
      valAccuracy: scored?.accuracy ?? null,
      valMeanIoU: scored?.meanIoU ?? null,
      ...(scored ? { valCaseDice: scored.caseDice, valClassDice: scored.classDice } : {}),
      lr: this.lrAt(epoch * this.stepsPerEpoch - 1),
    };
    this.history.push(metrics);
    this.callbacks.onEpoch?.(metrics);
    if (stop) this.reason = 'early-stopped';
    else if (epoch < this.config.epochs && this.callbacks.onCheckpoint) {
      await this.callbacks.onCheckpoint(await this.snapshot(epoch));
    }
  }

  async run(): Promise<TrainResult> {
    let error: SerializedError | undefined;
    try {
      for (
        let epoch = this.firstEpoch;
        epoch <= this.config.epochs && this.reason === 'finished';
        epoch++
      ) {
        const sums = new EpochSums();
        try {
          if (!(await this.trainEpoch(epoch, sums))) this.reason = 'stopped';
          else await this.endEpoch(epoch, sums);
        } finally {
          sums.dispose();
        }
      }
    } catch (e) {
      this.reason = 'error';
      error = serializeEngineError(e);
    } finally {
      this.optimizer.dispose();
    }
    if (this.best.empty) this.average?.apply();
    this.average?.dispose();
    return this.finish(error);
  }

  private finish(error: SerializedError | undefined): TrainResult {
    const validated = !this.best.empty;
    this.best.restore(this.model);
    this.best.dispose();
    const bestEpoch = validated ? this.stopper.bestEpoch : (this.history.at(-1)?.epoch ?? null);
    return {
      reason: this.reason,
      bestEpoch,
      epochsRun: this.history.length,
      metrics: this.history.find((m) => m.epoch === bestEpoch) ?? null,
      ...(error ? { error } : {}),
    };
  }
}

/**
 * Trains `model` in place on `data` as `config` says, until the epochs run out, early
 * stopping triggers, `control.stop()` is called, or an error occurs (reported in the
 * result, not thrown, once the run has started). With `resume`, the run continues from
 * that checkpoint (taken by an earlier run of the same configuration on the same data).
 * The model ends with the weights of the best validated epoch, or its last weights
 * without validation data.
 */
export async function runTraining(
  model: tf.LayersModel,
  data: TrainingData,
  config: TrainConfig,
  control: RunControl,
  callbacks: TrainCallbacks = {},
  resume: TrainState | null = null,
): Promise<TrainResult> {
  checkConfig(config);
  const run = new Run(model, data, config, control, callbacks);
  if (resume) await run.restore(resume);
  callbacks.onStarted?.(run.started());
  return run.run();
}
