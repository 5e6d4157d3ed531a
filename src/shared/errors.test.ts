import { describe, it, expect } from 'vitest';
import {
  DuplicateCaseError,
  FileFormatError,
  GridMismatchError,
  StudioError,
  TooLargeError,
  VoxelValueError,
  deserializeError,
  isStudioError,
  serializeError,
} from './errors';

describe('StudioError', () => {
  it('names the file and the problem', () => {
    const e = new FileFormatError(
      'truncated',
      'image_train03.nii.gz',
      'truncated gzip stream (the file ends early)',
    );
    expect(e.message).toBe('image_train03.nii.gz: truncated gzip stream (the file ends early)');
    expect(e.problem).toBe('truncated gzip stream (the file ends early)');
    expect(e.name).toBe('FileFormatError');
    expect(e).toBeInstanceOf(StudioError);
    expect(e).toBeInstanceOf(Error);
    expect(isStudioError(e, 'truncated')).toBe(true);
    expect(isStudioError(e, 'too-large')).toBe(false);
    expect(new TooLargeError(undefined, 'no file').message).toBe('no file');
  });
});

describe('serialize / deserialize across a worker boundary', () => {
  const samples: [StudioError, string][] = [
    [new FileFormatError('not-nifti', 'a.png', 'not a NIfTI file'), 'FileFormatError'],
    [new FileFormatError('size-mismatch', 'b.nii', 'short'), 'FileFormatError'],
    [new VoxelValueError('non-finite', 'c.nii', '3 voxels are NaN'), 'VoxelValueError'],
    [new VoxelValueError('bad-label-values', 'd.nii', 'negative'), 'VoxelValueError'],
    [new GridMismatchError('e.nii', 'grids differ'), 'GridMismatchError'],
    [new TooLargeError('f.nii', 'too big'), 'TooLargeError'],
    [new DuplicateCaseError('g.nii', 'twice'), 'DuplicateCaseError'],
  ];
  for (const [error, cls] of samples) {
    it(`${error.code} comes back as a ${cls}`, () => {
      // structuredClone is what postMessage does to the payload.
      const wire = structuredClone(serializeError(error));
      expect(wire).toEqual({
        name: cls,
        code: error.code,
        message: error.message,
        fileName: error.fileName,
        stack: error.stack,
      });
      const back = deserializeError(wire);
      expect(back).toBeInstanceOf(StudioError);
      expect(back.constructor.name).toBe(cls);
      expect(back.name).toBe(cls);
      expect((back as StudioError).code).toBe(error.code);
      expect((back as StudioError).fileName).toBe(error.fileName);
      expect((back as StudioError).problem).toBe(error.problem);
      expect(back.message).toBe(error.message);
      expect(back.stack).toBe(error.stack);
    });
  }

  it('keeps the name of ordinary errors and wraps non-errors', () => {
    const back = deserializeError(serializeError(new RangeError('batch size must be positive')));
    expect(back).not.toBeInstanceOf(StudioError);
    expect(back.name).toBe('RangeError');
    expect(back.message).toBe('batch size must be positive');
    expect(serializeError('plain text')).toEqual({ name: 'Error', message: 'plain text' });
    expect(serializeError({ reason: 42 }).message).toBe('{"reason":42}');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(serializeError(cyclic).message).toBe('[object Object]');
  });

  it('treats an unknown code as an ordinary error', () => {
    const back = deserializeError({ name: 'Weird', message: 'x', code: 'no-such-code' });
    expect(back).not.toBeInstanceOf(StudioError);
    expect(back.name).toBe('Weird');
  });
});
