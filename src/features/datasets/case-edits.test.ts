import { describe, it, expect } from 'vitest';
import { moveFile } from './case-edits';
import type { StudyCase } from '../../store';

const cases: StudyCase[] = [
  {
    name: 'a',
    channels: [{ path: 'a.nii', channel: 'image' }],
    label: 'a_seg.nii',
    extras: [],
    split: 'val',
  },
  { name: 'b', channels: [{ path: 'b.nii', channel: 'image' }], extras: [], split: 'train' },
];

describe('moveFile', () => {
  it('moves a label to another case and keeps splits', () => {
    const out = moveFile(cases, 'a_seg.nii', 'label', 'b');
    expect(out.find((c) => c.name === 'a')?.label).toBeUndefined();
    expect(out.find((c) => c.name === 'b')?.label).toBe('a_seg.nii');
    expect(out.find((c) => c.name === 'a')?.split).toBe('val');
  });

  it('marks a file as an extra channel', () => {
    const out = moveFile(cases, 'a_seg.nii', 'extra', 'a');
    expect(out.find((c) => c.name === 'a')?.extras).toContain('a_seg.nii');
    expect(out.find((c) => c.name === 'a')?.label).toBeUndefined();
  });

  it('drops a case whose only image moved away', () => {
    const out = moveFile(cases, 'b.nii', 'image', 'a');
    expect(out.map((c) => c.name)).toEqual(['a']);
    expect(out[0].channels.map((c) => c.path)).toEqual(['a.nii', 'b.nii']);
  });
});
