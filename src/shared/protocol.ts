/**
 * The whole conversation between the page and the training worker: every request and
 * every reply, as unions keyed by `type`, so both sides switch exhaustively and payloads
 * never need casts. Volumes and weights travel as typed arrays / ArrayBuffers listed as
 * transferables (see {@link requestTransferables} and {@link replyTransferables}).
 */
import type { TargetSpec } from '../ml/data/target';
import type { ModelSpec } from '../ml/models/spec';
import type { TrainConfig } from '../ml/train/config';
import { deserializeError, serializeError, type SerializedError } from './errors';

/** tfjs backends the studio can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** 'auto' tries webgpu, then webgl, then wasm (when it can train), then cpu. */
export type BackendPreference = 'auto' | BackendName;
/** What a case is used for. */
export type SplitRole = 'train' | 'val' | 'test';

/** Typed arrays that own a plain (transferable) ArrayBuffer. */
export type F32 = Float32Array<ArrayBuffer>;
export type U8 = Uint8Array<ArrayBuffer>;

/** One case as the engine sees it: image channels and an optional label on one grid. */
export interface CaseData {
  name: string;
  /** One array per MRI sequence, each dims[0] * dims[1] * dims[2] long. */
  channels: F32[];
  dims: [number, number, number];
  spacing: [number, number, number];
  /** Raw label values on the same grid, or null for an unlabelled case. */
  label: U8 | F32 | null;
  role: SplitRole;
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

/** What to segment: a case already sent with `setData`, or a volume sent along. */
export type PredictSource =
  | { caseName: string }
  | { channels: F32[]; dims: [number, number, number]; spacing: [number, number, number] };

/** Every request body; the sender adds a unique `id`. */
export type RequestBody =
  | {
      type: 'init';
      backend: BackendPreference;
      /** A choice measured on this device before; 'auto' reuses it if it still applies. */
      cached?: BackendChoice | null;
    }
  | { type: 'setData'; cases: CaseData[]; mode: 'replace' | 'merge' }
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | {
      type: 'predict';
      source: PredictSource;
      batchSize?: number;
      threshold?: number;
      /** Binary targets: keep only the largest connected foreground region. */
      largestComponent?: boolean;
    }
  | { type: 'saveModel' }
  | { type: 'loadModel'; artifacts: ModelArtifactsData }
  | { type: 'dispose' };

export type RequestType = RequestBody['type'];
export type EngineRequest = RequestBody & { id: number };
/** The request body of a given type. */
export type RequestOf<T extends RequestType> = Extract<RequestBody, { type: T }>;

/** Loss and Dice of one epoch; validation values are null without validation cases. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainDice: number;
  valLoss: number | null;
  valDice: number | null;
  /** Dice of each validation case (valDice is their mean); absent without validation. */
  valCaseDice?: { name: string; dice: number }[];
  lr: number;
}

export type DoneReason = 'finished' | 'stopped' | 'early-stopped' | 'error';

/** Figures about one case after `setData`. */
export interface CaseSummary {
  name: string;
  role: SplitRole;
  dims: [number, number, number];
  /** Label values present, sorted; empty without a label. */
  labelValues: number[];
}

export interface ReadyReply {
  type: 'ready';
  backend: BackendName;
  /** Human-readable adapter / renderer, e.g. the WebGPU adapter or the WebGL renderer. */
  adapter: string;
  /** Backends that initialised successfully, in order of preference. */
  available: BackendName[];
  /** Why each backend tried before the chosen one failed. */
  failures: { backend: BackendName; message: string }[];
  /** How the backend was chosen, and the measurements behind an automatic choice. */
  choice: BackendChoice;
}

/** One backend's result in the start-up measurement. */
export interface BackendTrial {
  backend: BackendName;
  /** Adapter or renderer, when the backend started. */
  adapter: string | null;
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

/** How the worker's backend was chosen. */
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
export interface DataReply {
  type: 'data';
  cases: CaseSummary[];
}
export interface AckReply {
  type: 'ack';
}
export interface StartedEvent {
  type: 'started';
  params: ParamCounts;
  stepsPerEpoch: number;
  totalSteps: number;
  trainCases: string[];
  valCases: string[];
  trainSlices: number;
  valSlices: number;
  backend: string;
}
export interface ProgressEvent {
  type: 'progress';
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
}
export interface EpochEvent extends EpochMetrics {
  type: 'epoch';
}
export interface DoneReply {
  type: 'done';
  reason: DoneReason;
  /** Epoch whose weights the model keeps (1-based), or null if no epoch completed. */
  bestEpoch: number | null;
  epochsRun: number;
  /** Metrics of the best epoch. */
  metrics: EpochMetrics | null;
  /** Set when reason is 'error': the run ended early but keeps its best weights. */
  error?: SerializedError;
}
export interface PredictionReply {
  type: 'prediction';
  caseName: string | null;
  dims: [number, number, number];
  /** Label values (decoded from classes with the model's target), on the volume's own grid. */
  labels: U8;
  /** Foreground probability (1 - background for multi-class), on the volume's own grid. */
  probabilities: F32;
  msPerSlice: number;
  totalMs: number;
}
export interface ModelReply {
  type: 'model';
  artifacts: ModelArtifactsData;
}
export interface LoadedReply {
  type: 'loaded';
  /** Null for a model saved by another tool (it can predict, not be fine-tuned). */
  spec: ModelSpec | null;
  /** The saved target, or one inferred from the output channels. */
  target: TargetSpec;
  inputSize: number;
  inChannels: number;
  numClasses: number;
  params: ParamCounts;
}
export interface ErrorReply {
  type: 'error';
  error: SerializedError;
}

/** Replies that end a request. */
export type ResultBody =
  | ReadyReply
  | DataReply
  | AckReply
  | DoneReply
  | PredictionReply
  | ModelReply
  | LoadedReply;
/** Replies sent while a `train` request runs. */
export type EventBody = StartedEvent | ProgressEvent | EpochEvent;
export type ReplyBody = ResultBody | EventBody | ErrorReply;
/** Every reply carries the `id` of the request it answers. */
export type EngineReply = ReplyBody & { id: number };
export type EventType = EventBody['type'];
/** The event body of a given type. */
export type EventOf<T extends EventType> = Extract<EventBody, { type: T }>;

/** The result reply each request type ends with. */
export interface ResultMap {
  init: ReadyReply;
  setData: DataReply;
  train: DoneReply;
  pause: AckReply;
  resume: AckReply;
  stop: AckReply;
  predict: PredictionReply;
  saveModel: ModelReply;
  loadModel: LoadedReply;
  dispose: AckReply;
}

/** Buffers a request can hand over instead of copying. */
export function requestTransferables(body: RequestBody): ArrayBuffer[] {
  switch (body.type) {
    case 'setData':
      // A buffer listed twice makes postMessage throw, so duplicates are dropped.
      return [
        ...new Set(
          body.cases.flatMap((c) => [
            ...c.channels.map((a) => a.buffer),
            ...(c.label ? [c.label.buffer] : []),
          ]),
        ),
      ];
    case 'predict':
      return 'channels' in body.source ? body.source.channels.map((a) => a.buffer) : [];
    case 'loadModel':
      return [body.artifacts.weightData];
    case 'init':
    case 'train':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'saveModel':
    case 'dispose':
      return [];
    default:
      return unreachable(body);
  }
}

/** Buffers a reply can hand over instead of copying. */
export function replyTransferables(body: ReplyBody): ArrayBuffer[] {
  switch (body.type) {
    case 'prediction':
      return [body.labels.buffer, body.probabilities.buffer];
    case 'model':
      return [body.artifacts.weightData];
    case 'ready':
    case 'data':
    case 'ack':
    case 'done':
    case 'loaded':
    case 'started':
    case 'progress':
    case 'epoch':
    case 'error':
      return [];
    default:
      return unreachable(body);
  }
}

/** Why the engine refused a request. */
export type EngineErrorCode =
  | 'engine-busy'
  | 'no-model'
  | 'no-training-data'
  | 'unknown-case'
  | 'bad-config'
  | 'channel-mismatch'
  | 'no-backend';

const ENGINE_CODES: readonly string[] = [
  'engine-busy',
  'no-model',
  'no-training-data',
  'unknown-case',
  'bad-config',
  'channel-mismatch',
  'no-backend',
] satisfies EngineErrorCode[];

/** A request the engine cannot carry out as asked; `code` says why. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Like `serializeError`, keeping the code of an {@link EngineError}. */
export function serializeEngineError(e: unknown): SerializedError {
  const s = serializeError(e);
  return e instanceof EngineError ? { ...s, code: e.code } : s;
}

/** Rebuilds any serialized error as its class: EngineError, a studio error, or a named Error. */
export function rebuildError(s: SerializedError): Error {
  if (s.name !== 'EngineError' || s.code === undefined || !ENGINE_CODES.includes(s.code)) {
    return deserializeError(s);
  }
  const error = new EngineError(s.code as EngineErrorCode, s.message);
  if (s.stack !== undefined) error.stack = s.stack;
  return error;
}

/** Compile-time exhaustiveness check for switches over message types. */
export function unreachable(value: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(value)}`);
}
