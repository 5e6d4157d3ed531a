/**
 * The domain's plain data: cases, models as artifacts, training figures and the backend
 * choice. Shared by the engine, the page and the command-line tools; no tfjs and no DOM,
 * so every side may import it.
 */
import type { TargetSpec } from './data/target';
import type { ModelSpec } from './models/spec';
import type { TrainConfig } from './train/config';

/** tfjs backends the studio can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** 'auto' measures which backend trains fastest and correctly (see the backend choice). */
export type BackendPreference = 'auto' | BackendName;
/** What a case is used for. */
export type SplitRole = 'train' | 'val' | 'test';

/** Typed arrays that own a plain (transferable) ArrayBuffer. */
export type F32 = Float32Array<ArrayBuffer>;
export type U8 = Uint8Array<ArrayBuffer>;
export type Dims3 = [number, number, number];

/** One case as the engine sees it: image channels and an optional label on one grid. */
export interface CaseData {
  name: string;
  /** One array per MRI sequence, each dims[0] * dims[1] * dims[2] long. */
  channels: F32[];
  dims: Dims3;
  spacing: Dims3;
  /** Raw label values on the same grid, or null for an unlabelled case. */
  label: U8 | F32 | null;
  role: SplitRole;
  /**
   * Axial slices whose label a person has checked, for a partly annotated case: only they
   * count in training. Null or absent: every slice of the label counts.
   */
  reviewed?: number[] | null;
}

/** tfjs weight manifest entry, restated so the page needs no tfjs types. */
export interface WeightSpecData {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** What the studio stores with a model so it can predict with it after loading. */
export interface ModelMetadata {
  spec: ModelSpec;
  target: TargetSpec;
  /** The training configuration, when the model was trained here. */
  config?: TrainConfig;
}

/** A model as tfjs artifacts: topology JSON, weight manifest and one weight buffer. */
export interface ModelArtifactsData {
  modelTopology: object;
  weightSpecs: WeightSpecData[];
  weightData: ArrayBuffer;
  /** Absent in models saved by other tools; then the spec is read from the topology. */
  metadata?: ModelMetadata;
}

/** Parameter counts as Keras reports them. */
export interface ParamCounts {
  trainable: number;
  nonTrainable: number;
}

/** Loss and Dice of one epoch; validation values are null without validation cases. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainDice: number;
  /** Share of pixels classified right and mean IoU over the classes (seed 004's curves). */
  trainAccuracy?: number;
  trainMeanIoU?: number;
  valLoss: number | null;
  valDice: number | null;
  valAccuracy?: number | null;
  valMeanIoU?: number | null;
  /** Dice of each class (background excluded) on validation, for multi-class targets. */
  valClassDice?: number[];
  /** Dice of each validation case (valDice is their mean); absent without validation. */
  valCaseDice?: { name: string; dice: number }[];
  lr: number;
}

export type DoneReason = 'finished' | 'stopped' | 'early-stopped' | 'error';

/** Figures about one case the engine holds. */
export interface CaseSummary {
  name: string;
  role: SplitRole;
  dims: Dims3;
  /** Label values present, sorted; empty without a label. */
  labelValues: number[];
}

/** One backend's result in the start-up measurement. */
export interface BackendTrial {
  backend: BackendName;
  /** Adapter or renderer, when the backend started. */
  adapter: string | null;
  /** Threads the backend computed with (wasm, where one trial is made per thread count). */
  threads?: number;
  /** Median ms per training step of the timing network; null when not timed. */
  msPerStep: number | null;
  /** Median ms per step of the small check network (after its first step); null if not run. */
  checkMsPerStep: number | null;
  /** Largest relative difference of the probe losses from the cpu reference. */
  maxRelError: number | null;
  /** Started, trained finitely and matched the reference. */
  ok: boolean;
  /** Why it failed or was not timed; empty otherwise. */
  note: string;
}

/** How the engine's backend was chosen. */
export interface BackendChoice {
  /**
   * measured: timed at this start; cached: a measurement of an earlier start on the same
   * device; requested: the user's choice; fallback: the user's choice failed.
   */
  how: 'measured' | 'cached' | 'requested' | 'fallback';
  /** One sentence for people. */
  reason: string;
  /** What the measurement depends on (browser, cores, GPU adapter); a change re-measures. */
  fingerprint: string;
  /** ISO time of the measurement; null when nothing was measured. */
  measuredAt: string | null;
  /** The backend the measurement picked (for 'auto'); null when nothing was measured. */
  picked: BackendName | null;
  trials: BackendTrial[];
}

/** The backend the engine computes on, and why. */
export interface BackendInfo {
  backend: BackendName;
  /** Human-readable adapter / renderer, e.g. the WebGPU adapter or the WebGL renderer. */
  adapter: string;
  /** Threads wasm computes with; absent for the other backends. */
  threads?: number;
  /** Backends this environment could run, in order of preference. */
  available: BackendName[];
  /** Why each backend tried before the chosen one failed. */
  failures: { backend: BackendName; message: string }[];
  choice: BackendChoice;
}

/** What a run reports when it starts. */
export interface RunStarted {
  params: ParamCounts;
  stepsPerEpoch: number;
  totalSteps: number;
  trainCases: string[];
  valCases: string[];
  trainSlices: number;
  valSlices: number;
  backend: string;
  /** Epochs already done when the run resumes from a checkpoint; 0 for a fresh run. */
  resumedAtEpoch: number;
}

/**
 * Running totals of what a GPU backend pays beyond its kernels: data read back to the CPU
 * (calls, since the engine started) and shader programs compiled by the current backend.
 */
export interface TransferCounts {
  readbacks: number;
  programs: number;
}

/** A progress report between training steps. */
export interface RunProgress {
  /** 1-based step over the whole run. */
  step: number;
  totalSteps: number;
  /** 1-based epoch the step belongs to. */
  epoch: number;
  stepLoss: number;
  slicesPerSecond: number;
  /** Training time so far, pauses excluded. */
  elapsedMs: number;
  etaMs: number;
  numTensors: number;
  numBytes: number;
  backend: string;
  /** Read-backs and compiled programs so far, where the engine counts them. */
  transfers?: TransferCounts;
}

/** How a run ended; the model keeps the weights of `bestEpoch`. */
export interface RunResult {
  reason: DoneReason;
  /** Epoch whose weights the model keeps (1-based), or null if no epoch completed. */
  bestEpoch: number | null;
  epochsRun: number;
  /** Metrics of the best epoch. */
  metrics: EpochMetrics | null;
  /** Set when reason is 'error': the run ended early but keeps its best weights. */
  error?: { name: string; message: string; code?: string; stack?: string };
}
