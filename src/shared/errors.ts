/**
 * Errors the studio reports to the user. Each carries a stable `code` that the UI and tests
 * can branch on, and the file it concerns, so a problem list can say which file is wrong and
 * why. Errors thrown in the worker cross the message boundary as plain objects, so this
 * module also turns any thrown value into a {@link SerializedError} and back into the
 * matching class.
 */

/** Stable identifiers of the problems the studio knows how to explain. */
export type StudioErrorCode =
  | 'not-nifti'
  | 'bad-header'
  | 'truncated'
  | 'corrupt'
  | 'size-mismatch'
  | 'unsupported-type'
  | 'non-finite'
  | 'bad-label-values'
  | 'grid-mismatch'
  | 'too-large'
  | 'duplicate-case';

/** Codes of problems with the bytes of a file, before any voxel is looked at. */
export type FileFormatCode =
  | 'not-nifti'
  | 'bad-header'
  | 'truncated'
  | 'corrupt'
  | 'size-mismatch'
  | 'unsupported-type';

/** Codes of problems with decoded voxel values. */
export type VoxelValueCode = 'non-finite' | 'bad-label-values';

/** A thrown value reduced to what survives `postMessage`. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  fileName?: string;
  stack?: string;
}

/** Base class: `message` reads `<fileName>: <problem>` whenever a file is concerned. */
export class StudioError extends Error {
  override name = 'StudioError';
  readonly code: StudioErrorCode;
  readonly fileName: string | undefined;
  /** The problem without the file name, for places that already show the file. */
  readonly problem: string;

  constructor(code: StudioErrorCode, fileName: string | undefined, problem: string) {
    super(fileName ? `${fileName}: ${problem}` : problem);
    this.code = code;
    this.fileName = fileName;
    this.problem = problem;
  }
}

/** The bytes are not a NIfTI file the studio can decode. */
export class FileFormatError extends StudioError {
  override name = 'FileFormatError';
  declare readonly code: FileFormatCode;
  constructor(code: FileFormatCode, fileName: string | undefined, problem: string) {
    super(code, fileName, problem);
  }
}

/** The file decodes, but its voxel values are unusable (NaN, non-integer labels, ...). */
export class VoxelValueError extends StudioError {
  override name = 'VoxelValueError';
  declare readonly code: VoxelValueCode;
  constructor(code: VoxelValueCode, fileName: string | undefined, problem: string) {
    super(code, fileName, problem);
  }
}

/** A label (or extra channel) does not lie on the voxel grid of its image. */
export class GridMismatchError extends StudioError {
  override name = 'GridMismatchError';
  declare readonly code: 'grid-mismatch';
  constructor(fileName: string | undefined, problem: string) {
    super('grid-mismatch', fileName, problem);
  }
}

/** Decoding the file would exceed the memory budget. */
export class TooLargeError extends StudioError {
  override name = 'TooLargeError';
  declare readonly code: 'too-large';
  constructor(fileName: string | undefined, problem: string) {
    super('too-large', fileName, problem);
  }
}

/** Two files would become cases with the same name. */
export class DuplicateCaseError extends StudioError {
  override name = 'DuplicateCaseError';
  declare readonly code: 'duplicate-case';
  constructor(fileName: string | undefined, problem: string) {
    super('duplicate-case', fileName, problem);
  }
}

const FILE_FORMAT_CODES: readonly string[] = [
  'not-nifti',
  'bad-header',
  'truncated',
  'corrupt',
  'size-mismatch',
  'unsupported-type',
] satisfies FileFormatCode[];
const VOXEL_VALUE_CODES: readonly string[] = [
  'non-finite',
  'bad-label-values',
] satisfies VoxelValueCode[];

/** Builds the class that owns `code`; `undefined` when the code is not a studio code. */
function errorForCode(code: string, fileName: string | undefined, problem: string) {
  if (FILE_FORMAT_CODES.includes(code)) {
    return new FileFormatError(code as FileFormatCode, fileName, problem);
  }
  if (VOXEL_VALUE_CODES.includes(code)) {
    return new VoxelValueError(code as VoxelValueCode, fileName, problem);
  }
  if (code === 'grid-mismatch') return new GridMismatchError(fileName, problem);
  if (code === 'too-large') return new TooLargeError(fileName, problem);
  if (code === 'duplicate-case') return new DuplicateCaseError(fileName, problem);
  return undefined;
}

/** True for any studio error, optionally of one code. */
export function isStudioError(e: unknown, code?: StudioErrorCode): e is StudioError {
  return e instanceof StudioError && (code === undefined || e.code === code);
}

/** Reduces any thrown value to a structured-clone-safe object. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof StudioError) {
    return { name: e.name, message: e.message, code: e.code, fileName: e.fileName, stack: e.stack };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  if (typeof e === 'string') return { name: 'Error', message: e };
  let text: string;
  try {
    text = JSON.stringify(e) ?? String(e);
  } catch {
    text = String(e);
  }
  return { name: 'Error', message: text };
}

/**
 * Rebuilds the error on the receiving side: a studio code gives back its class (so
 * `instanceof` and `code` work across the worker boundary), anything else an `Error` with
 * the original name. The original stack is kept.
 */
export function deserializeError(s: SerializedError): Error {
  const prefix = s.fileName ? `${s.fileName}: ` : '';
  const problem = s.message.startsWith(prefix) ? s.message.slice(prefix.length) : s.message;
  const rebuilt = s.code === undefined ? undefined : errorForCode(s.code, s.fileName, problem);
  const error = rebuilt ?? new Error(s.message);
  if (!rebuilt) error.name = s.name;
  if (s.stack !== undefined) error.stack = s.stack;
  return error;
}
