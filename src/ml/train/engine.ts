/**
 * The segmentation engine: the cases sent by the page, the current model, training and
 * prediction. The worker's message handler drives one instance; Node tests drive one
 * directly. Knows nothing about messages or threads.
 */
import type * as tf from '@tensorflow/tfjs';
import { prepareCase } from '../data/prepare';
import { SliceDataset } from '../data/dataset';
import { splitCases } from '../data/split';
import { checkTarget } from '../data/target';
import { buildModel, countParams, freezeEncoder, seedInitialWeights } from '../models';
import { predictVolume, type VolumePrediction } from '../infer/predict';
import {
  EngineError,
  type CaseData,
  type CaseSummary,
  type LoadedReply,
  type ModelArtifactsData,
  type PredictSource,
} from '../../shared/protocol';
import type { TrainConfig } from './config';
import { RunControl } from './control';
import { describeModel, fromArtifacts, toArtifacts, type ModelHandle } from './model-io';
import { runTraining, type TrainCallbacks, type TrainResult } from './trainer';

/** Label values present in `label`, sorted. */
function labelValues(label: ArrayLike<number> | null): number[] {
  if (!label) return [];
  const seen = new Set<number>();
  for (let i = 0; i < label.length; i++) seen.add(Math.round(label[i]));
  return [...seen].sort((a, b) => a - b);
}

function checkCase(c: CaseData): void {
  const voxels = c.dims[0] * c.dims[1] * c.dims[2];
  if (c.channels.length === 0)
    throw new EngineError('bad-config', `case ${c.name} has no image channel`);
  for (const ch of c.channels) {
    if (ch.length !== voxels) {
      throw new EngineError(
        'bad-config',
        `case ${c.name}: a channel does not match dims ${c.dims.join('x')}`,
      );
    }
  }
  if (c.label && c.label.length !== voxels) {
    throw new EngineError('bad-config', `case ${c.name}: label does not match the image grid`);
  }
}

/** Cases, model, training and prediction behind one object. */
export class SegmentationEngine {
  private readonly cases = new Map<string, CaseData>();
  private current: ModelHandle | null = null;
  private control: RunControl | null = null;
  private running: Promise<TrainResult> | null = null;

  /** Adds (merge) or replaces (replace) the engine's cases; returns a summary of each. */
  setData(cases: readonly CaseData[], mode: 'replace' | 'merge'): CaseSummary[] {
    cases.forEach(checkCase);
    if (mode === 'replace') this.cases.clear();
    for (const c of cases) this.cases.set(c.name, c);
    return [...this.cases.values()].map((c) => ({
      name: c.name,
      role: c.role,
      dims: c.dims,
      labelValues: labelValues(c.label),
    }));
  }

  /** Whether a training run is in progress. */
  get training(): boolean {
    return this.control !== null;
  }

  /** The current model, if any (for tests and inspection). */
  get model(): tf.LayersModel | null {
    return this.current?.model ?? null;
  }

  /** Train and validation cases of a run: the roles set by the page, or an automatic hold-out. */
  private splitFor(config: TrainConfig): { train: CaseData[]; val: CaseData[] } {
    const labelled = [...this.cases.values()].filter((c) => c.label !== null);
    let train = labelled.filter((c) => c.role === 'train');
    let val = labelled.filter((c) => c.role === 'val');
    if (train.length === 0) {
      throw new EngineError(
        'no-training-data',
        'no labelled training case: set the split of some cases to train',
      );
    }
    if (val.length === 0 && config.autoValidationFraction > 0 && train.length >= 2) {
      const f = config.autoValidationFraction;
      const split = splitCases(
        train.map((c) => c.name),
        { train: 1 - f, val: f, test: 0 },
        config.seed,
      );
      val = train.filter((c) => split.val.includes(c.name));
      train = train.filter((c) => split.train.includes(c.name));
    }
    return { train, val };
  }

  /** The model a run trains: a fresh one, or the current one for fine-tuning. */
  private async modelFor(config: TrainConfig): Promise<ModelHandle> {
    if (!config.fineTune) {
      this.current?.model.dispose();
      this.current = null;
      const model = await buildModel(config.model);
      seedInitialWeights(model, config.seed);
      return describeModel(model, config.model, config.target, config);
    }
    const handle = this.current;
    if (!handle)
      throw new EngineError('no-model', 'fine-tuning needs a model: train or load one first');
    if (!handle.spec) {
      throw new EngineError(
        'bad-config',
        'this model was saved without its specification and cannot be fine-tuned',
      );
    }
    freezeEncoder(handle.model, handle.spec, config.fineTune.freezeEncoder);
    return { ...handle, target: config.target, config: { ...config, model: handle.spec } };
  }

  /**
   * Trains (or fine-tunes) a model on the labelled cases. Throws before the run starts on
   * a bad configuration; once it runs, failures are reported in the result.
   */
  async train(config: TrainConfig, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
    if (this.control) throw new EngineError('engine-busy', 'a training run is already in progress');
    const spec = config.fineTune && this.current?.spec ? this.current.spec : config.model;
    try {
      checkTarget(config.target, spec.numClasses);
    } catch (e) {
      throw new EngineError('bad-config', e instanceof Error ? e.message : String(e));
    }
    const { train, val } = this.splitFor(config);
    for (const c of [...train, ...val]) {
      if (c.channels.length !== spec.inChannels) {
        throw new EngineError(
          'channel-mismatch',
          `case ${c.name} has ${c.channels.length} channel(s); the model takes ${spec.inChannels}`,
        );
      }
    }
    const prepare = (c: CaseData) =>
      prepareCase(c, spec.inputSize, config.target, spec.sliceFit ?? 'resize');
    const data = {
      train: new SliceDataset(train.map(prepare)),
      val: val.length > 0 ? new SliceDataset(val.map(prepare)) : null,
    };
    const handle = await this.modelFor({ ...config, model: spec });
    this.current = handle;
    this.control = new RunControl();
    this.running = runTraining(
      handle.model,
      data,
      handle.config ?? config,
      this.control,
      callbacks,
    );
    try {
      return await this.running;
    } finally {
      this.control = null;
      this.running = null;
      if (handle.spec && config.fineTune?.freezeEncoder)
        freezeEncoder(handle.model, handle.spec, false);
    }
  }

  pause(): void {
    this.control?.pause();
  }

  resume(): void {
    this.control?.resume();
  }

  stop(): void {
    this.control?.stop();
  }

  /** Segments a case (by name) or a volume with the current model, on the volume's grid. */
  async predict(
    source: PredictSource,
    options: { batchSize?: number; threshold?: number; largestComponent?: boolean } = {},
  ): Promise<VolumePrediction & { caseName: string | null }> {
    const handle = this.current;
    if (!handle) throw new EngineError('no-model', 'no model: train or load one first');
    let caseName: string | null = null;
    let volume: { channels: Float32Array[]; dims: [number, number, number] };
    if ('caseName' in source) {
      const c = this.cases.get(source.caseName);
      if (!c) throw new EngineError('unknown-case', `unknown case ${source.caseName}`);
      caseName = c.name;
      volume = c;
    } else {
      volume = source;
    }
    const result = await predictVolume(handle.model, volume.channels, volume.dims, {
      inputSize: handle.inputSize,
      fit: handle.spec?.sliceFit ?? 'resize',
      target: handle.target,
      ...options,
    });
    return { ...result, caseName };
  }

  /** The current model as artifacts, with the studio's metadata. */
  async saveModel(): Promise<ModelArtifactsData> {
    if (!this.current) throw new EngineError('no-model', 'no model to save');
    return toArtifacts(this.current);
  }

  /** Replaces the current model with one saved earlier. */
  async loadModel(artifacts: ModelArtifactsData): Promise<Omit<LoadedReply, 'type'>> {
    if (this.control) throw new EngineError('engine-busy', 'cannot load a model while training');
    const handle = await fromArtifacts(artifacts);
    this.current?.model.dispose();
    this.current = handle;
    return {
      spec: handle.spec,
      target: handle.target,
      inputSize: handle.inputSize,
      inChannels: handle.inChannels,
      numClasses: handle.numClasses,
      params: countParams(handle.model),
    };
  }

  /** Stops any run, waits for it to end, and releases the model and cases. */
  async dispose(): Promise<void> {
    this.control?.stop();
    await this.running?.catch(() => undefined);
    this.current?.model.dispose();
    this.current = null;
    this.cases.clear();
  }
}
