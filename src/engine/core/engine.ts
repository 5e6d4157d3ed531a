/**
 * The segmentation engine in this thread: cases by name, models by id (bounded in memory,
 * kept in its stores), one training run at a time with a checkpoint after every epoch,
 * and prediction with one model or an average of several. The worker serves one instance;
 * Node tests drive one directly. Knows nothing about messages or threads.
 */
import type * as tf from '@tensorflow/tfjs';
import { checkTarget } from '../../ml/data/target';
import { buildModel, freezeEncoder, seedInitialWeights } from '../../ml/models';
import type { ModelSpec } from '../../ml/models/spec';
import type { TrainConfig } from '../../ml/train/config';
import { RunControl } from '../../ml/train/control';
import { describeModel, fromArtifacts, type ModelHandle } from '../../ml/train/model-io';
import { runTraining } from '../../ml/train/trainer';
import type { TrainState } from '../../ml/train/train-state';
import type {
  BackendChoice,
  BackendInfo,
  BackendPreference,
  CaseData,
  TransferCounts,
} from '../../ml/types';
import { EngineError } from '../../shared/engine-error';
import type {
  CheckpointInfo,
  EngineApi,
  EngineEvent,
  LabelUpdate,
  TrainOutcome,
  TrainRequest,
} from '../api';
import { CaseStore } from './case-store';
import { ModelCache, modelInfo } from './model-cache';
import { predictWith } from './predict';
import { PredictionControl } from './prediction-control';
import { fittedConfig, trainingData } from './run-data';
import type { Checkpoint, EngineStores } from './stores';

/** What the engine needs from its surroundings. */
export interface EngineDeps {
  stores: EngineStores;
  /** Starts the backend to compute on (the worker measures; tests pick one). */
  selectBackend(
    preference: BackendPreference,
    cached: BackendChoice | null,
    threads?: number,
  ): Promise<BackendInfo>;
  /** Calls `onLost` if the backend's device goes away (a lost GPU); optional. */
  watchBackend?(onLost: (reason: string) => void): void;
  /** Read-backs and compiled programs so far, reported with progress; optional. */
  transferCounts?(): TransferCounts;
  /** Bytes of built models kept in memory. */
  modelBudget?: number;
}

/** A run being trained. */
interface ActiveRun {
  id: string;
  control: RunControl;
  done: Promise<unknown>;
}

/** The model a run trains, and what it was built from. */
interface Prepared {
  handle: ModelHandle;
  spec: ModelSpec;
  config: TrainConfig;
  cases: { train: CaseData[]; val: CaseData[] };
  resume: TrainState | null;
  from?: string;
}

/** `work`'s result as a promise, its exception as a rejection (as an async method would). */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

export class SegmentationEngine implements EngineApi {
  private readonly cases = new CaseStore();
  private readonly models: ModelCache;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private active: ActiveRun | null = null;
  /** The model a run is training, so that it can preview predictions between epochs. */
  private readonly inTraining = new Map<string, ModelHandle>();
  /** Requests that use or replace built models run one after another. */
  private modelQueue: Promise<unknown> = Promise.resolve();
  private readonly predictions = new PredictionControl((e) => this.emit(e));

  constructor(private readonly deps: EngineDeps) {
    this.models = new ModelCache(deps.stores.models, deps.modelBudget);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.modelQueue.then(work, work);
    this.modelQueue = next.catch(() => undefined);
    return next;
  }

  /** Whether a training run is in progress. */
  get training(): boolean {
    return this.active !== null;
  }

  /** Ids of the models built in memory now (least recently used first). */
  get modelsInMemory(): string[] {
    return this.models.inMemory;
  }

  async init(arg: { backend: BackendPreference; cached: BackendChoice | null; threads?: number }) {
    if (this.active) throw new EngineError('engine-busy', 'cannot change backend while training');
    const info = await this.deps.selectBackend(arg.backend, arg.cached, arg.threads);
    this.deps.watchBackend?.((reason) =>
      this.emit({ type: 'backend-lost', backend: info.backend, reason }),
    );
    return info;
  }

  putCases(cases: CaseData[]) {
    return settle(() => this.cases.put(cases));
  }

  removeCases(names: string[]) {
    return settle(() => this.cases.remove(names));
  }

  updateLabel(update: LabelUpdate) {
    return settle(() => this.cases.updateLabel(update));
  }

  /** The checkpoint of `run`, or a refusal naming it. */
  private async checkpointOf(run: string): Promise<Checkpoint> {
    const ck = await this.deps.stores.checkpoints.get(run);
    if (!ck) throw new EngineError('unknown-run', `run '${run}' has no checkpoint to resume from`);
    return ck;
  }

  /** The model a run starts from: resumed, fine-tuned (a copy), or new. */
  private async prepare(req: TrainRequest): Promise<Prepared> {
    if (req.resume) {
      const ck = await this.checkpointOf(req.run);
      const model = await buildModel(ck.config.model);
      const handle = describeModel(model, ck.config.model, ck.config.target, ck.config);
      const cases = this.cases.forRun(ck.config, ck.cases);
      return {
        handle,
        spec: ck.config.model,
        config: ck.config,
        cases,
        resume: ck.state,
        from: ck.from,
      };
    }
    const cases = this.cases.forRun(req.config, req.cases);
    if (req.from) {
      const base = await this.serial(async () =>
        fromArtifacts(await this.models.artifacts(req.from as string)),
      );
      if (!base.spec) {
        base.model.dispose();
        throw new EngineError(
          'bad-config',
          'this model was saved without its specification and cannot be fine-tuned',
        );
      }
      const config = { ...req.config, model: base.spec };
      return {
        handle: { ...base, target: req.config.target, config },
        spec: base.spec,
        config,
        cases,
        resume: null,
        from: req.from,
      };
    }
    const config = fittedConfig(req.config, cases.train);
    const model = await buildModel(config.model);
    seedInitialWeights(model, config.seed);
    const handle = describeModel(model, config.model, config.target, config);
    return { handle, spec: config.model, config, cases, resume: null };
  }

  /** Refuses a run whose target or channels do not fit its model. */
  private check(p: Prepared): void {
    try {
      checkTarget(p.config.target, p.spec.numClasses);
    } catch (e) {
      throw new EngineError('bad-config', e instanceof Error ? e.message : String(e));
    }
    for (const c of [...p.cases.train, ...p.cases.val]) {
      if (c.channels.length !== p.spec.inChannels) {
        throw new EngineError(
          'channel-mismatch',
          `case ${c.name} has ${c.channels.length} channel(s); the model takes ${p.spec.inChannels}`,
        );
      }
    }
  }

  /**
   * Trains (or fine-tunes, or resumes) a model on the labelled cases. Throws before the
   * run starts on a bad request; once it runs, failures are reported in the outcome.
   */
  async train(req: TrainRequest): Promise<TrainOutcome> {
    if (this.active) throw new EngineError('engine-busy', 'a training run is already in progress');
    const control = new RunControl();
    let release!: () => void;
    this.active = { id: req.run, control, done: new Promise<void>((r) => (release = r)) };
    try {
      const p = await this.prepare(req);
      try {
        this.check(p);
      } catch (e) {
        p.handle.model.dispose();
        throw e;
      }
      return await this.runPrepared(req.run, p, control);
    } finally {
      this.active = null;
      release();
    }
  }

  private async runPrepared(run: string, p: Prepared, control: RunControl): Promise<TrainOutcome> {
    const { spec, config, handle } = p;
    let data: ReturnType<typeof trainingData>;
    try {
      data = trainingData(spec, config, p.cases);
    } catch (e) {
      handle.model.dispose();
      throw e;
    }
    const frozen = config.fineTune?.freezeEncoder === true;
    if (frozen) freezeEncoder(handle.model, spec, true);
    const names = { train: p.cases.train.map((c) => c.name), val: p.cases.val.map((c) => c.name) };
    let totalSteps = 0;
    this.inTraining.set(run, handle);
    const result = await runTraining(
      handle.model,
      data,
      config,
      control,
      {
        onStarted: (e) => {
          totalSteps = e.totalSteps;
          this.emit({ type: 'started', run, ...e });
        },
        onProgress: (e) => {
          const transfers = this.deps.transferCounts?.();
          this.emit({ type: 'progress', run, ...e, ...(transfers ? { transfers } : {}) });
        },
        onEpoch: (e) => this.emit({ type: 'epoch', run, ...e }),
        onCheckpoint: async (state) => {
          const ck: Checkpoint = {
            run,
            config,
            cases: names,
            totalSteps,
            state,
            ...(p.from ? { from: p.from } : {}),
          };
          await this.deps.stores.checkpoints.put(run, ck);
          this.emit({ type: 'checkpoint', run, epoch: state.epoch, step: state.step, totalSteps });
        },
      },
      p.resume,
    ).finally(() => this.inTraining.delete(run));
    // A saved model must not come back frozen.
    if (frozen) freezeEncoder(handle.model, spec, false);
    const usable = result.epochsRun > 0 || result.bestEpoch !== null;
    if (!usable) {
      handle.model.dispose();
      return { ...result, model: null, params: null, sizeBytes: null };
    }
    const kept: ModelHandle = { ...handle, config };
    await this.serial(() => this.models.put(run, kept));
    if (result.reason === 'finished' || result.reason === 'early-stopped') {
      await this.deps.stores.checkpoints.delete(run);
    }
    const info = modelInfo(run, kept);
    return { ...result, model: run, params: info.params, sizeBytes: info.sizeBytes };
  }

  private control(run: string): RunControl | null {
    return this.active?.id === run ? this.active.control : null;
  }

  pause(run: string) {
    this.control(run)?.pause();
    return Promise.resolve();
  }

  resume(run: string) {
    this.control(run)?.resume();
    return Promise.resolve();
  }

  stop(run: string) {
    this.control(run)?.stop();
    return Promise.resolve();
  }

  predict(request: Parameters<EngineApi['predict']>[0]) {
    const control = this.predictions.begin(request.id, request.case);
    const run = this.serial(() => {
      const ids = typeof request.model === 'string' ? [request.model] : [...request.model];
      const c = this.cases.get(request.case);
      // A run's model answers between its epochs too: the page previews it.
      const model = (id: string) => {
        const live = this.inTraining.get(id);
        return live ? Promise.resolve(live) : this.models.get(id);
      };
      return predictWith(model, ids, c, request, control);
    });
    return run.finally(() => this.predictions.end(request.id));
  }

  cancelPrediction(id: string) {
    this.predictions.cancel(id);
    return Promise.resolve();
  }

  exportModel(model: string) {
    return this.serial(() => this.models.artifacts(model));
  }

  importModel(arg: Parameters<EngineApi['importModel']>[0]) {
    return this.serial(async () => {
      const handle = await fromArtifacts(arg.artifacts, { recognize: true });
      // A recognized model is stored with its spec, so it is not recognized again.
      const artifacts =
        !arg.artifacts.metadata && handle.spec
          ? { ...arg.artifacts, metadata: { spec: handle.spec, target: handle.target } }
          : arg.artifacts;
      await this.models.put(arg.id, handle, artifacts);
      return modelInfo(arg.id, handle);
    });
  }

  dropModel(model: string) {
    return this.serial(async () => {
      await this.models.drop(model);
      await this.deps.stores.checkpoints.delete(model);
    });
  }

  async checkpointInfo(run: string): Promise<CheckpointInfo | null> {
    const ck = await this.deps.stores.checkpoints.get(run);
    return ck
      ? { run, epoch: ck.state.epoch, step: ck.state.step, totalSteps: ck.totalSteps }
      : null;
  }

  dropCheckpoint(run: string) {
    return this.deps.stores.checkpoints.delete(run);
  }

  /** The built model of `id` (for tests and inspection). */
  async model(id: string): Promise<tf.LayersModel> {
    return (await this.models.get(id)).model;
  }

  /** Stops any run, waits for it to end, and releases the models in memory and the cases. */
  async dispose(): Promise<void> {
    const active = this.active;
    active?.control.stop();
    await active?.done;
    await this.modelQueue;
    this.models.clear();
    this.cases.clear();
  }
}
