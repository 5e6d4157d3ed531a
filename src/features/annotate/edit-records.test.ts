import { describe, expect, it } from 'vitest';
import type { Volume } from '../../io/volume';
import type { LoadedFile, StudyCase } from '../../store';
import { applyEdits, editedLabelPath } from './edit-records';

function vol(values: number[]): Volume {
  return {
    dims: [values.length, 1, 1],
    spacing: [1, 1, 1],
    data: Float32Array.from(values),
    sourceType: 'uint8',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
  };
}

const files: Record<string, LoadedFile> = {
  'a.nii': { path: 'a.nii', size: 4, volumes: [vol([5, 6, 7, 8])] },
  'a_seg.nii': { path: 'a_seg.nii', size: 4, volumes: [vol([0, 1, 1, 0])] },
  'b.nii': { path: 'b.nii', size: 4, volumes: [vol([1, 2, 3, 4])] },
};
const cases: StudyCase[] = [
  {
    name: 'a',
    channels: [{ path: 'a.nii', channel: 'T2' }],
    label: 'a_seg.nii',
    extras: [],
    split: 'train',
  },
  { name: 'b', channels: [{ path: 'b.nii', channel: 'T2' }], extras: [], split: 'train' },
];

describe('stored edits applied to a dataset', () => {
  it('points each edited case at its edited label, with its reviewed slices', () => {
    const out = applyEdits(cases, files, [
      { case: 'a', label: vol([0, 2, 2, 2]), editedFrom: 'a_seg.nii', reviewed: [0] },
      { case: 'b', label: vol([1, 0, 0, 0]), editedFrom: null, reviewed: null },
      { case: 'gone', label: vol([1]), editedFrom: null, reviewed: null },
    ]);
    const [a, b] = out.cases;
    expect(a).toMatchObject({
      label: editedLabelPath('a'),
      editedFrom: 'a_seg.nii',
      reviewed: [0],
      labelValues: [0, 2],
    });
    expect(b).toMatchObject({ label: editedLabelPath('b'), editedFrom: null });
    expect(Array.from(out.files[editedLabelPath('a')].volumes?.[0].data ?? [])).toEqual([
      0, 2, 2, 2,
    ]);
    // The original label stays among the files; the inputs are untouched.
    expect(out.files['a_seg.nii']).toBe(files['a_seg.nii']);
    expect(cases[0].label).toBe('a_seg.nii');
    expect(out.files[editedLabelPath('gone')]).toBeUndefined();
  });

  it('keeps only the reviewed slices of an edit without a label, and refuses another grid', () => {
    const out = applyEdits(cases, files, [
      { case: 'a', editedFrom: null, reviewed: [2, 3] },
      { case: 'b', label: vol([1, 1]), editedFrom: null, reviewed: [] },
    ]);
    expect(out.cases[0]).toMatchObject({ label: 'a_seg.nii', reviewed: [2, 3] });
    expect(out.cases[1].label).toBeUndefined();
  });

  it('falls back to the original label when an edited label was lost', () => {
    const edited: StudyCase = {
      ...cases[0],
      label: editedLabelPath('a'),
      editedFrom: 'a_seg.nii',
      reviewed: [1],
    };
    const out = applyEdits([edited], files, []);
    expect(out.cases[0]).toMatchObject({ label: 'a_seg.nii', reviewed: null, labelValues: [0, 1] });
    expect(out.cases[0].editedFrom).toBeUndefined();
    const fresh = applyEdits([{ ...edited, editedFrom: null }], files, []);
    expect(fresh.cases[0].label).toBeUndefined();
  });
});
