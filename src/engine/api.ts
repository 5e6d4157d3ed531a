/**
 * The segmentation engine's one interface. The worker client (the page's handle on the
 * training worker) and the in-thread engine (Node tests, the worker's own core) both
 * implement it, so the page, the bench page and the tests are written once against it.
 *
 * The engine keeps what it is given: cases by name, trained and loaded models by id (a
 * bounded number in memory, the rest in its own storage), and each run's last checkpoint.
 * Requests name what they use (`predict {model, case}`, `train {run, from}`), so the page
 * never tracks what the engine holds and never ferries weights to predict.
 */
import type { TargetSpec } from '../ml/data/target';
import type { ModelSpec } from '../ml/models/spec';
import type { TrainConfig } from '../ml/train/config';
import type {
  BackendChoice,
  BackendInfo,
  BackendPreference,
  CaseData,
  CaseSummary,
  Dims3,
  EpochMetrics,
  F32,
  ModelArtifactsData,
  ParamCounts,
  RunProgress,
  RunResult,
  RunStarted,
  U8,
} from '../ml/types';

/** New voxels for some axial slices of a case's label, e.g. after the user drew on them. */
export interface LabelUpdate {
  case: string;
  /** Whole slices: `data` holds dims[0] * dims[1] label values of slice `z`. */
  slices: { z: number; data: U8 }[];
  /** The slices checked by a person (partly annotated case), or null when all count. */
  reviewed?: number[] | null;
  /** A case that had no label gets one of this many voxels (zeros where not given). */
  createIfMissing?: boolean;
}

/** A training run to start: a new model, a fine-tune of an existing one, or a resume. */
export interface TrainRequest {
  /** Id of the model this run produces (and of its checkpoint). */
  run: string;
  config: TrainConfig;
  /** Which cases train and validate; default: the cases' roles (with an automatic hold-out). */
  cases?: { train: string[]; val: string[] };
  /** Fine-tune: continue from this model (copied; the original is kept as it is). */
  from?: string;
  /** Continue this run from its last checkpoint instead of starting it. */
  resume?: boolean;
}

/** How a run ended, and the model it left. */
export interface TrainOutcome extends RunResult {
  /** The id the model is kept under, or null when the run produced no usable model. */
  model: string | null;
  params: ParamCounts | null;
  /** Bytes of the model's weights (its size on disk). */
  sizeBytes: number | null;
}

/** What to segment and with which model(s). */
export interface PredictRequest {
  /** A model id, or several: their probabilities are averaged (an ensemble). */
  model: string | readonly string[];
  case: string;
  /** Mirror averaging: predict the flipped inputs too and average the flipped-back maps. */
  tta?: boolean;
  /** Binary targets: keep the largest connected foreground region. */
  largestComponent?: boolean;
  threshold?: number;
  batchSize?: number;
  /** Also return a voxel-wise uncertainty map (entropy of the averaged probabilities). */
  uncertainty?: boolean;
  /** Names this prediction in its progress events and for `cancelPrediction`. */
  id?: string;
  /** 3-D networks: sliding-window stride [z, y, x] in voxels (default half the patch). */
  stride?: [number, number, number];
  /** 3-D networks: weight each window by a Gaussian centred on it (default uniform). */
  gaussian?: boolean;
}

/** A segmentation on the case's own grid. */
export interface Prediction {
  case: string;
  dims: Dims3;
  /** Label values (decoded with the model's target). */
  labels: U8;
  /** Foreground probability (1 - background for multi-class). */
  probabilities: F32;
  /** Voxel entropy in bits of the averaged class probabilities, when asked for. */
  uncertainty?: F32;
  msPerSlice: number;
  totalMs: number;
}

/** A model the engine holds. */
export interface ModelInfo {
  id: string;
  /** Null for a model saved by another tool (it can predict, not be fine-tuned). */
  spec: ModelSpec | null;
  target: TargetSpec;
  inputSize: number;
  inChannels: number;
  numClasses: number;
  params: ParamCounts;
  sizeBytes: number;
}

/** Where a run's last checkpoint stands. */
export interface CheckpointInfo {
  run: string;
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps completed. */
  step: number;
  totalSteps: number;
}

/** What the engine reports while it works. */
export type EngineEvent =
  | ({ type: 'started'; run: string } & RunStarted)
  | ({ type: 'progress'; run: string } & RunProgress)
  | ({ type: 'epoch'; run: string } & EpochMetrics)
  | ({ type: 'checkpoint' } & CheckpointInfo)
  | { type: 'predict-progress'; id: string; case: string; done: number; total: number }
  | { type: 'backend-lost'; backend: string; reason: string };

export type EngineEventType = EngineEvent['type'];

/** Every request the engine serves. Each takes one argument, so it crosses a thread as is. */
export interface EngineMethods {
  /**
   * Chooses the compute backend ('auto': measured, or `cached` when that measurement was
   * made on this device) and reports what runs and why.
   */
  init(arg: { backend: BackendPreference; cached: BackendChoice | null }): Promise<BackendInfo>;
  /** Adds cases, replacing any of the same name. */
  putCases(cases: CaseData[]): Promise<CaseSummary[]>;
  removeCases(names: string[]): Promise<void>;
  /** Changes slices of a case's label (drawn corrections); later runs train on them. */
  updateLabel(update: LabelUpdate): Promise<void>;
  /** Trains until done; listen with `subscribe` for progress. */
  train(request: TrainRequest): Promise<TrainOutcome>;
  pause(run: string): Promise<void>;
  resume(run: string): Promise<void>;
  stop(run: string): Promise<void>;
  predict(request: PredictRequest): Promise<Prediction>;
  /** Ends the prediction named `id` (queued or running) with a 'cancelled' error. */
  cancelPrediction(id: string): Promise<void>;
  exportModel(model: string): Promise<ModelArtifactsData>;
  /** Keeps a model (saved here or elsewhere) under `id`. */
  importModel(arg: { id: string; artifacts: ModelArtifactsData }): Promise<ModelInfo>;
  dropModel(model: string): Promise<void>;
  /** The run's last checkpoint, or null when it has none. */
  checkpointInfo(run: string): Promise<CheckpointInfo | null>;
  dropCheckpoint(run: string): Promise<void>;
  /** Stops any run and releases models, cases and the backend's memory. */
  dispose(): Promise<void>;
}

export type EngineMethod = keyof EngineMethods;
export type ArgOf<M extends EngineMethod> = Parameters<EngineMethods[M]>[0];
export type ResultOf<M extends EngineMethod> = Awaited<ReturnType<EngineMethods[M]>>;

/** The engine: its requests and its events. */
export interface EngineApi extends EngineMethods {
  /** Listens to every event; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
}
