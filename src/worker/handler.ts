/**
 * Dispatches worker requests to the segmentation engine and posts the replies, each with
 * the id of its request. Requests are handled concurrently: while a `train` request runs,
 * `pause`, `stop`, `predict` and the others are answered between its steps. Requests that
 * use or replace the current model (predict, saveModel, loadModel) run one after another,
 * so that a model is never replaced and disposed under a prediction still using it.
 */
import {
  EngineError,
  replyTransferables,
  serializeEngineError,
  unreachable,
  type EngineReply,
  type EngineRequest,
  type ReplyBody,
} from '../shared/protocol';
import { SegmentationEngine } from '../ml/train/engine';
import { selectBackend, type BackendInfo } from './backend';
import type { BackendChoice, BackendPreference } from '../shared/protocol';

/** The side of a message channel the worker owns (the worker scope, or a test double). */
export interface WorkerPort {
  postMessage(message: EngineReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/** What the handler works with; replaceable in tests. */
export interface HandlerDeps {
  engine: SegmentationEngine;
  selectBackend(preference: BackendPreference, cached: BackendChoice | null): Promise<BackendInfo>;
}

/** Sends `body` as the reply to request `id`, transferring its buffers. */
type Post = (id: number, body: ReplyBody) => void;

async function handle(req: EngineRequest, deps: HandlerDeps, post: Post): Promise<void> {
  const { engine } = deps;
  const { id } = req;
  switch (req.type) {
    case 'init':
      // Switching backends under a running model would move every weight mid-step.
      if (engine.training)
        throw new EngineError('engine-busy', 'cannot change backend while training');
      post(id, { type: 'ready', ...(await deps.selectBackend(req.backend, req.cached ?? null)) });
      return;
    case 'setData':
      post(id, { type: 'data', cases: engine.setData(req.cases, req.mode) });
      return;
    case 'train': {
      const result = await engine.train(req.config, {
        onStarted: (e) => post(id, { type: 'started', ...e }),
        onProgress: (e) => post(id, { type: 'progress', ...e }),
        onEpoch: (e) => post(id, { type: 'epoch', ...e }),
      });
      post(id, { type: 'done', ...result });
      return;
    }
    case 'pause':
      engine.pause();
      post(id, { type: 'ack' });
      return;
    case 'resume':
      engine.resume();
      post(id, { type: 'ack' });
      return;
    case 'stop':
      engine.stop();
      post(id, { type: 'ack' });
      return;
    case 'predict': {
      const options = {
        batchSize: req.batchSize,
        threshold: req.threshold,
        largestComponent: req.largestComponent,
      };
      const p = await engine.predict(req.source, options);
      post(id, {
        type: 'prediction',
        caseName: p.caseName,
        dims: p.dims,
        labels: p.labels,
        probabilities: p.probabilities,
        msPerSlice: p.msPerSlice,
        totalMs: p.totalMs,
      });
      return;
    }
    case 'saveModel':
      post(id, { type: 'model', artifacts: await engine.saveModel() });
      return;
    case 'loadModel':
      post(id, { type: 'loaded', ...(await engine.loadModel(req.artifacts)) });
      return;
    case 'dispose':
      await engine.dispose();
      post(id, { type: 'ack' });
      return;
    default:
      unreachable(req);
  }
}

/** Requests that read or replace the current model, and therefore wait for each other. */
const MODEL_REQUESTS: ReadonlySet<EngineRequest['type']> = new Set([
  'predict',
  'saveModel',
  'loadModel',
]);

/**
 * Starts answering requests arriving on `port`. Returns the engine so the worker entry (or
 * a test) can inspect it.
 */
export function attachHandler(
  port: WorkerPort,
  deps: HandlerDeps = { engine: new SegmentationEngine(), selectBackend },
): SegmentationEngine {
  const post: Post = (id, body) => {
    const reply: EngineReply = { ...body, id };
    port.postMessage(reply, replyTransferables(body));
  };
  let modelQueue: Promise<unknown> = Promise.resolve();
  port.addEventListener('message', (event) => {
    const req = event.data;
    const run = () =>
      handle(req, deps, post).catch((e: unknown) =>
        post(req.id, { type: 'error', error: serializeEngineError(e) }),
      );
    if (MODEL_REQUESTS.has(req.type)) modelQueue = modelQueue.then(run);
    else void run();
  });
  return deps.engine;
}
