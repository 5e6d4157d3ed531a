import { describe, it, expect } from 'vitest';
import type { LoadedFile, StudyCase } from '../../store';
import type { Volume } from '../../io/volume';
import { summarizeCase } from './case-summary';

const volume = (sourceType: Volume['sourceType']): Volume => ({
  dims: [128, 128, 24],
  spacing: [1.5, 1.5, 3],
  data: new Float32Array(0),
  sourceType,
  affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
});

const files: Record<string, LoadedFile> = {
  'img.nii': { path: 'img.nii', size: 1, volumes: [volume('int16')] },
  'seg.nii': { path: 'seg.nii', size: 1, volumes: [volume('float32')] },
};

const base: StudyCase = {
  name: 'a',
  channels: [{ path: 'img.nii', channel: 'T2' }],
  label: 'seg.nii',
  extras: [],
  split: 'train',
};

describe('summarizeCase', () => {
  it('describes the grid and prints label values as written', () => {
    const s = summarizeCase({ ...base, labelValues: [0, 1, Math.fround(0.37)] }, files);
    expect(s).toEqual({
      dims: '128×128×24',
      spacing: '1.5×1.5×3',
      dataType: 'int16 / float32',
      labelValues: '0, 1, 0.37',
    });
  });

  it('says when a label is missing, pending or unusable', () => {
    expect(summarizeCase({ ...base, label: undefined }, files).labelValues).toBe('no label');
    expect(summarizeCase(base, files).labelValues).toBe('…');
    expect(summarizeCase({ ...base, problem: 'grid' }, files).labelValues).toBe('not usable');
  });
});
