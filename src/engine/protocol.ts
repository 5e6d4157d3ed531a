/**
 * How engine requests cross a thread: one envelope for every method (`{id, method, arg}`),
 * replies as `result | error`, events on their own, and the buffers each message hands
 * over instead of copying. The method names and their argument and result types all come
 * from {@link EngineMethods}, so adding a request is one method there plus its buffers here.
 */
import { unreachable } from '../shared/engine-error';
import type { SerializedError } from '../shared/errors';
import type { ArgOf, EngineEvent, EngineMethod, ResultOf } from './api';

/** A request: the method to call and its one argument. */
export type EngineRequest = {
  [M in EngineMethod]: { id: number; method: M; arg: ArgOf<M> };
}[EngineMethod];

/** The worker's answers: a result or an error for a request, or an event. */
export type EngineReply =
  | { kind: 'result'; id: number; method: EngineMethod; result: unknown }
  | { kind: 'error'; id: number; error: SerializedError }
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'alive'; lock: string };

/** Buffers an array list holds, each once (a buffer listed twice makes postMessage throw). */
function buffersOf(arrays: readonly (ArrayBufferView | null | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

/** Buffers a request can hand over instead of copying. */
export function requestTransferables(req: EngineRequest): ArrayBuffer[] {
  switch (req.method) {
    case 'putCases':
      return buffersOf(req.arg.flatMap((c) => [...c.channels, c.label]));
    case 'updateLabel':
      return buffersOf(req.arg.slices.map((s) => s.data));
    case 'importModel':
      return [req.arg.artifacts.weightData];
    case 'init':
    case 'removeCases':
    case 'train':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'predict':
    case 'cancelPrediction':
    case 'exportModel':
    case 'dropModel':
    case 'checkpointInfo':
    case 'dropCheckpoint':
    case 'dispose':
      return [];
    default:
      return unreachable(req);
  }
}

/** Buffers a result can hand over instead of copying. */
export function resultTransferables<M extends EngineMethod>(
  method: M,
  result: ResultOf<M>,
): ArrayBuffer[] {
  const m: EngineMethod = method;
  switch (m) {
    case 'predict': {
      const p = result as ResultOf<'predict'>;
      return buffersOf([p.labels, p.probabilities, p.uncertainty]);
    }
    case 'exportModel':
      return [(result as ResultOf<'exportModel'>).weightData];
    case 'init':
    case 'putCases':
    case 'removeCases':
    case 'updateLabel':
    case 'train':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'cancelPrediction':
    case 'importModel':
    case 'dropModel':
    case 'checkpointInfo':
    case 'dropCheckpoint':
    case 'dispose':
      return [];
    default:
      return unreachable(m);
  }
}
