/**
 * Why the engine refused a request, as an error class that keeps its code across the
 * worker boundary: thrown in the engine, serialized with its code, rebuilt on the page.
 */
import { deserializeError, serializeError, type SerializedError } from './errors';

/** Why the engine refused a request. */
export type EngineErrorCode =
  | 'engine-busy'
  | 'no-model'
  | 'no-training-data'
  | 'unknown-case'
  | 'unknown-run'
  | 'bad-config'
  | 'channel-mismatch'
  | 'no-backend'
  | 'engine-closed'
  | 'cancelled';

const ENGINE_CODES: readonly string[] = [
  'engine-busy',
  'no-model',
  'no-training-data',
  'unknown-case',
  'unknown-run',
  'bad-config',
  'channel-mismatch',
  'no-backend',
  'engine-closed',
  'cancelled',
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

/** Compile-time exhaustiveness check for switches over closed unions. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
