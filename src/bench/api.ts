/**
 * The contract between the bench page and the Node scripts that drive it headless
 * (`npm run eval`, `npm run bench`): the API the page puts on `window`, and the plain,
 * JSON-safe shapes that cross `page.evaluate`. Volumes reach the page as URLs the script
 * serves; weights leave it as base64, since ArrayBuffers do not survive the crossing.
 */
import type {
  BackendInfo,
  BackendPreference,
  EpochMetrics,
  RunStarted,
  SplitRole,
  TransferCounts,
} from '../ml/types';
import type { TargetSpec } from '../ml/data/target';
import type { TrainConfig } from '../ml/train/config';
import type { EngineEvent, ModelInfo, TrainOutcome } from '../engine/api';

/** A file the script serves to the page: its path inside the chosen folder, size and URL. */
export interface FileRef {
  path: string;
  size: number;
  url: string;
}

/** One paired and decoded case, as the script reports it. */
export interface CaseInfo {
  /** Name as pairing gave it (without the train/test prefix the engine sees). */
  name: string;
  role: SplitRole;
  channels: string[];
  label: string;
  dims: [number, number, number];
  spacing: [number, number, number];
  /** Labelled (non-zero) volume in millilitres: what cross-validation folds balance. */
  labelMl: number;
}

/** A folder after pairing and decoding: its cases, and files left out on purpose. */
export interface LoadedFolder {
  cases: CaseInfo[];
  /** Harmless notes (a README skipped, a case renamed), one line each. */
  notes: string[];
}

/** What `start` found: the backend that runs and the adapter behind it. */
export type StartInfo = BackendInfo;

/** One training run as the page saw it through the engine's events. */
export interface TrainReport {
  started: RunStarted;
  done: TrainOutcome;
  /** Duration of each optimizer step in order (ms), read from the progress events. */
  stepMs: number[];
  /** Loss of each step (the final output's loss, as the engine reports it). */
  stepLoss: number[];
  /** Largest live tensor memory (bytes) reported between steps. */
  peakBytes: number;
  /** Each progress report: its step, epoch, and the engine's transfer counts then. */
  reports: { step: number; epoch: number; transfers: TransferCounts | null }[];
  epochs: EpochMetrics[];
  /** Wall time of the whole `train` request (ms), validation included. */
  wallMs: number;
}

/** Overlap and surface-distance figures of one predicted case against its label. */
export interface CaseScores {
  dice: number;
  iou: number;
  precision: number;
  recall: number;
  /** 95th-percentile Hausdorff distance (mm); null when either mask is empty or unavailable. */
  hd95: number | null;
  /** Average symmetric surface distance (mm); null when either mask is empty or unavailable. */
  assd: number | null;
}

/** A test case's prediction scored against its label, with inference timing. */
export interface CaseResult extends CaseScores {
  name: string;
  slices: number;
  msPerSlice: number;
  totalMs: number;
  /** Foreground voxels in the label and in the prediction. */
  truthVoxels: number;
  predictedVoxels: number;
}

/** What {@link BenchApi.evaluate} predicts and scores; by default the last model on the test cases. */
export interface EvaluateOptions {
  /** Model ids (from a run's outcome or a load); several are averaged (an ensemble). */
  models?: string[];
  /** Cases by their reported name; default every labelled case of `role`. */
  cases?: string[];
  /** Default 'test'. */
  role?: SplitRole;
  /** Mirror averaging (test-time augmentation). */
  tta?: boolean;
}

/** Inference timing of one volume. */
export interface PredictTiming {
  dims: [number, number, number];
  msPerSlice: number;
  totalMs: number;
}

/** A model as files: model.json text and its weight file, base64-encoded. */
export interface ModelFilesData {
  json: string;
  weightsName: string;
  weightsBase64: string;
}

/** What the page exposes as `window.__segBench`. */
export interface BenchApi {
  /**
   * Starts a fresh engine (training worker) on `backend`, WASM on `threads` threads when
   * given; disposes any previous one.
   */
  start(backend: BackendPreference, threads?: number): Promise<StartInfo>;
  /**
   * Pairs, decodes and checks a folder with the studio's reader, replacing the cases of
   * `role` (a fine-tune's corrected cases come as 'val'); throws listing every problem.
   */
  loadFolder(files: FileRef[], role: SplitRole): Promise<LoadedFolder>;
  /** Generates `count` phantom cases (the built-in sample) as training cases. */
  loadPhantom(count: number, size: number, slices: number): Promise<LoadedFolder>;
  /** The phantom's target: its prostate label value as the binary foreground. */
  phantomTarget(): TargetSpec;
  /** Sends every loaded case to the engine (replacing what it had). */
  sendCases(): Promise<void>;
  /**
   * Trains with `config` on the train folder's cases, or on the named ones (a fold: names
   * of train-folder cases, or the engine's names such as "test/x"); progress goes to
   * `window.__segBenchReport` when the script set it. The outcome's `model` names the
   * model for {@link evaluate}. With `from` (a model id), the run fine-tunes a copy of
   * that model instead of building a new one.
   */
  train(
    config: TrainConfig,
    cases?: { train: string[]; val: string[] },
    from?: string,
  ): Promise<TrainReport>;
  /** Stops the run in progress at its next step; its `train` call then resolves. */
  stop(): Promise<void>;
  /**
   * Predicts cases (by default every test case with the current model) and scores each
   * against its label with `target`'s foreground; `largestComponent` keeps each
   * prediction's largest region only.
   */
  evaluate(
    target: TargetSpec,
    largestComponent: boolean,
    options?: EvaluateOptions,
  ): Promise<CaseResult[]>;
  /** Predicts one loaded case (by its reported name) and returns the timing only. */
  predictTiming(name: string, role: SplitRole): Promise<PredictTiming>;
  /** The current model's files, or model `id`'s. */
  saveModel(baseName: string, id?: string): Promise<ModelFilesData>;
  /** Loads model.json + weight files in the studio's format. */
  loadModel(files: FileRef[]): Promise<ModelInfo>;
  /** Ends the engine's worker. */
  dispose(): Promise<void>;
}

/** Training events forwarded to the script. */
export type BenchEvent = Extract<EngineEvent, { type: 'started' | 'progress' | 'epoch' }>;

declare global {
  interface Window {
    __segBench?: BenchApi;
    /** Set by the script (Playwright `exposeFunction`) to watch a run. */
    __segBenchReport?: (event: BenchEvent) => Promise<void> | void;
  }
}
