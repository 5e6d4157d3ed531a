/**
 * The page's handle on the engine's worker: the engine interface over messages. Volumes
 * and weights are copied once and the copies transferred, since the page keeps its own
 * for display. Errors come back as their classes. If the worker dies (a crash, out of
 * memory), every pending request fails with an `engine-closed` error and `onClosed`
 * listeners hear why, so the page can start a new engine; the worker's Web Lock tells.
 */
import { EngineError, rebuildError } from '../shared/engine-error';
import type { CaseData } from '../ml/types';
import type { ArgOf, EngineApi, EngineEvent, EngineMethod, ResultOf } from './api';
import { requestTransferables, type EngineReply, type EngineRequest } from './protocol';

/** The page side of the worker channel: a `Worker`, or an in-thread double. */
export interface EngineEndpoint {
  postMessage(message: EngineRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineReply>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

/** The engine behind a worker, and news of the worker's end. */
export interface EngineClient extends EngineApi {
  /** Called once if the worker ends without being disposed; returns the unsubscribe. */
  onClosed(listener: (reason: string) => void): () => void;
  readonly closed: boolean;
}

/** Spawns the engine's worker (bundled by Vite as a module worker), named for its lock. */
export function spawnEngineWorker(): Worker {
  const name = `segstudio-engine-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name });
}

const copyF32 = (a: ArrayLike<number>) => Float32Array.from(a);

/** A copy of a case whose arrays can be transferred without touching the page's own. */
function copyCase(c: CaseData): CaseData {
  const label =
    c.label === null
      ? null
      : c.label instanceof Uint8Array
        ? Uint8Array.from(c.label)
        : copyF32(c.label);
  return { ...c, channels: c.channels.map(copyF32), label };
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** Creates a client on `endpoint`, by default a fresh engine worker. */
export function createEngineClient(endpoint: EngineEndpoint = spawnEngineWorker()): EngineClient {
  let nextId = 1;
  let closed = false;
  let disposing = false;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EngineEvent) => void>();
  const closedListeners = new Set<(reason: string) => void>();

  const close = (reason: string, unexpected: boolean) => {
    if (closed) return;
    closed = true;
    for (const p of pending.values()) p.reject(new EngineError('engine-closed', reason));
    pending.clear();
    if (unexpected) for (const l of closedListeners) l(reason);
  };

  endpoint.addEventListener('message', (event) => {
    const reply = event.data;
    if (reply.kind === 'event') {
      for (const l of listeners) l(reply.event);
      return;
    }
    if (reply.kind === 'alive') {
      // Granted only once the worker, which holds the lock for its lifetime, has ended.
      void navigator.locks.request(reply.lock, () => {
        if (!disposing)
          close('the engine stopped unexpectedly (crashed or ran out of memory)', true);
      });
      return;
    }
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.kind === 'error') p.reject(rebuildError(reply.error));
    else p.resolve(reply.result);
  });
  endpoint.addEventListener('error', (event) => {
    endpoint.terminate?.();
    close(`the engine failed: ${event.message || 'the worker could not start'}`, true);
  });

  function request<M extends EngineMethod>(method: M, arg: ArgOf<M>): Promise<ResultOf<M>> {
    if (closed) return Promise.reject(new EngineError('engine-closed', 'the engine has stopped'));
    const id = nextId++;
    const req = { id, method, arg } as EngineRequest;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      pending.set(id, { resolve: (r) => resolve(r as ResultOf<M>), reject });
      try {
        endpoint.postMessage(req, requestTransferables(req));
      } catch (e) {
        pending.delete(id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  return {
    get closed() {
      return closed;
    },
    onClosed(listener) {
      closedListeners.add(listener);
      return () => void closedListeners.delete(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    init: (arg) => request('init', arg),
    putCases: (cases) => request('putCases', cases.map(copyCase)),
    removeCases: (names) => request('removeCases', names),
    updateLabel: (u) =>
      request('updateLabel', {
        ...u,
        slices: u.slices.map((s) => ({ z: s.z, data: Uint8Array.from(s.data) })),
      }),
    train: (r) => request('train', r),
    pause: (run) => request('pause', run),
    resume: (run) => request('resume', run),
    stop: (run) => request('stop', run),
    predict: (r) => request('predict', r),
    cancelPrediction: (id) => request('cancelPrediction', id),
    exportModel: (model) => request('exportModel', model),
    importModel: (arg) =>
      request('importModel', {
        ...arg,
        artifacts: { ...arg.artifacts, weightData: arg.artifacts.weightData.slice(0) },
      }),
    dropModel: (model) => request('dropModel', model),
    checkpointInfo: (run) => request('checkpointInfo', run),
    dropCheckpoint: (run) => request('dropCheckpoint', run),
    dispose: async () => {
      if (closed) return;
      disposing = true;
      try {
        await request('dispose', undefined);
      } finally {
        close('the engine has been disposed', false);
        endpoint.terminate?.();
      }
    },
  };
}

/** The worker side of an in-thread channel, as the engine's handler expects it. */
export interface InThreadPort {
  postMessage(message: EngineReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/**
 * An endpoint whose "worker" runs in this thread: `serve` receives the worker side (pass
 * it to the engine's handler). Messages are structured-cloned with their transfer lists
 * and delivered asynchronously, as between a page and a real worker, so transfers detach
 * the sender's buffers exactly as they would there.
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
