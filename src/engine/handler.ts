/**
 * The worker side of the engine's channel: every request calls the engine method it names
 * with its argument and posts the result (its buffers transferred) or the error, with the
 * request's id; the engine's events are posted as they happen. Requests run concurrently:
 * while a `train` request runs, `pause`, `stop`, `predict` and the others are answered
 * between its steps (the engine itself serializes what must not overlap).
 */
import { serializeEngineError } from '../shared/engine-error';
import type { EngineApi, EngineMethod, EngineMethods } from './api';
import { resultTransferables, type EngineReply, type EngineRequest } from './protocol';

/** The side of a message channel the worker owns (the worker scope, or a test double). */
export interface WorkerPort {
  postMessage(message: EngineReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/** Calls `method` on `engine`; the request's method and argument belong together. */
function call(engine: EngineMethods, req: EngineRequest): Promise<unknown> {
  const methods = engine as unknown as Record<EngineMethod, (arg: unknown) => Promise<unknown>>;
  return methods[req.method](req.arg);
}

/** Starts answering requests arriving on `port` with `engine`. */
export function attachEngine(port: WorkerPort, engine: EngineApi): void {
  engine.subscribe((event) => port.postMessage({ kind: 'event', event }, []));
  port.addEventListener('message', (msg) => {
    const req = msg.data;
    call(engine, req).then(
      (result) => {
        const method: EngineMethod = req.method;
        port.postMessage(
          { kind: 'result', id: req.id, method, result },
          resultTransferables(method, result as never),
        );
      },
      (e: unknown) =>
        port.postMessage({ kind: 'error', id: req.id, error: serializeEngineError(e) }, []),
    );
  });
}
