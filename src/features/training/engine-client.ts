/**
 * The page's handle on the training worker: one promise-returning method per request,
 * typed events for a running training, and errors rebuilt as named classes. Volumes and
 * weights are copied once and the copies transferred, since the page keeps its own for
 * display. The same client drives an in-thread engine in tests through
 * {@link createInThreadEndpoint}.
 */
import {
  rebuildError,
  requestTransferables,
  type BackendChoice,
  type BackendPreference,
  type CaseSummary,
  type DoneReply,
  type EngineReply,
  type EngineRequest,
  type EventOf,
  type EventType,
  type LoadedReply,
  type ModelArtifactsData,
  type PredictionReply,
  type ReadyReply,
  type RequestBody,
  type RequestType,
  type ResultMap,
  type SplitRole,
} from '../../shared/protocol';
import type { TrainConfig } from '../../ml/train/config';

/** The page side of the worker channel: a `Worker`, or an in-thread double. */
export interface EngineEndpoint {
  postMessage(message: EngineRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

/** A case as the page holds it; the client sends copies of its arrays. */
export interface CaseInput {
  name: string;
  channels: readonly Float32Array[];
  dims: [number, number, number];
  spacing: [number, number, number];
  label: Uint8Array | Float32Array | null;
  role: SplitRole;
}

/** A volume to segment, or the name of a case already sent. */
export type PredictInput =
  | { caseName: string }
  | {
      channels: readonly Float32Array[];
      dims: [number, number, number];
      spacing: [number, number, number];
    };

/** An event of a running training, with the id of its `train` request. */
export type EngineEvent<T extends EventType> = EventOf<T> & { id: number };

/** Promise-returning access to the engine. */
export interface EngineClient {
  /**
   * Chooses the compute backend ('auto' by default: measured, or `cached` when that
   * measurement was made on this device) and reports what runs and why.
   */
  init(backend?: BackendPreference, cached?: BackendChoice | null): Promise<ReadyReply>;
  /** Sends cases (copied); 'replace' (default) drops the engine's previous cases. */
  setData(cases: readonly CaseInput[], mode?: 'replace' | 'merge'): Promise<CaseSummary[]>;
  /** Trains until done; listen with `on` for progress. Resolves with how the run ended. */
  train(config: TrainConfig): Promise<DoneReply>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** Segments a case or volume with the current model; the result is on its own grid. */
  predict(
    source: PredictInput,
    options?: { batchSize?: number; threshold?: number; largestComponent?: boolean },
  ): Promise<PredictionReply>;
  saveModel(): Promise<ModelArtifactsData>;
  /** Loads a model (its weight buffer is copied, the caller keeps the original). */
  loadModel(artifacts: ModelArtifactsData): Promise<LoadedReply>;
  /** Subscribes to training events; returns the unsubscribe function. */
  on<T extends EventType>(type: T, listener: (event: EngineEvent<T>) => void): () => void;
  /** Releases the engine and ends the worker. Pending requests are rejected. */
  dispose(): Promise<void>;
}

/** Raised for requests still pending when the worker fails or the client is disposed. */
export class EngineClosedError extends Error {
  override name = 'EngineClosedError';
}

interface Pending {
  resolve(reply: EngineReply): void;
  reject(error: Error): void;
  expect: RequestType;
}

/** The reply type that ends each request type. */
const RESULT_TYPE: { [K in RequestType]: ResultMap[K]['type'] } = {
  init: 'ready',
  setData: 'data',
  train: 'done',
  pause: 'ack',
  resume: 'ack',
  stop: 'ack',
  predict: 'prediction',
  saveModel: 'model',
  loadModel: 'loaded',
  dispose: 'ack',
};

const copyF32 = (a: ArrayLike<number>) => Float32Array.from(a);

function copyCase(c: CaseInput) {
  const label =
    c.label === null
      ? null
      : c.label instanceof Uint8Array
        ? Uint8Array.from(c.label)
        : copyF32(c.label);
  return { ...c, channels: c.channels.map(copyF32), label };
}

function copyPredictInput(source: PredictInput) {
  return 'caseName' in source
    ? { caseName: source.caseName }
    : { ...source, channels: source.channels.map(copyF32) };
}

/** Spawns the training worker (bundled by Vite as a module worker). */
export function spawnTrainingWorker(): Worker {
  return new Worker(new URL('../../worker/training.worker.ts', import.meta.url), {
    type: 'module',
  });
}

/** Creates a client on `endpoint`, by default a fresh training worker. */
export function createEngineClient(endpoint: EngineEndpoint = spawnTrainingWorker()): EngineClient {
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventType, Set<(event: EngineReply) => void>>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  endpoint.addEventListener('message', (event) => {
    const reply = event.data;
    if (reply.type === 'started' || reply.type === 'progress' || reply.type === 'epoch') {
      listeners.get(reply.type)?.forEach((fn) => fn(reply));
      return;
    }
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.type === 'error') p.reject(rebuildError(reply.error));
    else if (reply.type !== RESULT_TYPE[p.expect]) {
      p.reject(new Error(`protocol error: ${p.expect} answered with ${reply.type}`));
    } else p.resolve(reply);
  });
  endpoint.addEventListener('error', (event) => {
    closed = true;
    failAll(new EngineClosedError(`training worker failed: ${event.message}`));
  });

  function request<T extends RequestType>(
    body: Extract<RequestBody, { type: T }>,
  ): Promise<ResultMap[T]> {
    if (closed) return Promise.reject(new EngineClosedError('the engine has been disposed'));
    const id = nextId++;
    return new Promise<ResultMap[T]>((resolve, reject) => {
      // The listener checks the reply type against RESULT_TYPE before resolving.
      const accept = (r: EngineReply) => resolve(r as unknown as ResultMap[T]);
      pending.set(id, { resolve: accept, reject, expect: body.type });
      try {
        endpoint.postMessage({ ...body, id }, requestTransferables(body));
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  return {
    init: (backend = 'auto', cached = null) => request({ type: 'init', backend, cached }),
    setData: async (cases, mode = 'replace') =>
      (await request({ type: 'setData', cases: cases.map(copyCase), mode })).cases,
    train: (config) => request({ type: 'train', config }),
    pause: async () => void (await request({ type: 'pause' })),
    resume: async () => void (await request({ type: 'resume' })),
    stop: async () => void (await request({ type: 'stop' })),
    predict: (source, options = {}) =>
      request({ type: 'predict', source: copyPredictInput(source), ...options }),
    saveModel: async () => (await request({ type: 'saveModel' })).artifacts,
    loadModel: (artifacts) =>
      request({
        type: 'loadModel',
        artifacts: { ...artifacts, weightData: artifacts.weightData.slice(0) },
      }),
    on: (type, listener) => {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      const fn = listener as (event: EngineReply) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    dispose: async () => {
      if (closed) return;
      try {
        await request({ type: 'dispose' });
      } finally {
        closed = true;
        failAll(new EngineClosedError('the engine has been disposed'));
        endpoint.terminate?.();
      }
    },
  };
}

/** The worker side of an in-thread channel, as the worker's message handler expects it. */
export interface InThreadPort {
  postMessage(message: EngineReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/**
 * An endpoint whose "worker" runs in this thread: `serve` receives the worker side (pass
 * it the worker's message handler). Messages are structured-cloned with their transfer
 * lists and delivered asynchronously, as between a page and a real worker, so transfers
 * detach the sender's buffers exactly as they would there.
 */
export function createInThreadEndpoint(serve: (port: InThreadPort) => void): EngineEndpoint {
  const toWorker: ((event: MessageEvent<EngineRequest>) => void)[] = [];
  const toPage: ((event: MessageEvent<EngineReply>) => void)[] = [];
  const deliver = <T>(
    targets: ((event: MessageEvent<T>) => void)[],
    message: T,
    transfer: Transferable[],
  ) => {
    const data = structuredClone(message, { transfer });
    setTimeout(() => targets.forEach((fn) => fn({ data } as MessageEvent<T>)), 0);
  };
  serve({
    postMessage: (message, transfer) => deliver(toPage, message, transfer),
    addEventListener: (_type, listener) => void toWorker.push(listener),
  });
  return {
    postMessage: (message, transfer) => deliver(toWorker, message, transfer),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') toPage.push(listener as (event: MessageEvent<EngineReply>) => void);
    },
  };
}
