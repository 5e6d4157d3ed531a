import { describe, it, expect } from 'vitest';
import type { LoadedFile, StudyCase } from './dataset-types';
import { caseFiles, caseUsing, sortIncoming, withoutCase } from './case-files';

const study = (name: string, image: string, label?: string, extras: string[] = []): StudyCase => ({
  name,
  channels: [{ path: image, channel: 'image' }],
  label,
  extras,
  split: 'train',
});

const good = (path: string): LoadedFile => ({ path, size: 10, volumes: [] });
const bad = (path: string): LoadedFile => ({ path, size: 10, error: 'truncated' });

describe('withoutCase', () => {
  const cases = [
    study('a', 'img_a.nii', 'seg_a.nii', ['mask.nii']),
    study('b', 'img_b.nii', 'seg_b.nii', ['mask.nii']),
  ];
  const files = Object.fromEntries(
    ['img_a.nii', 'seg_a.nii', 'img_b.nii', 'seg_b.nii', 'mask.nii', 'loose.nii'].map((p) => [
      p,
      good(p),
    ]),
  );

  it('drops the case and the files only it used', () => {
    const r = withoutCase(cases, files, 'a');
    expect(r.cases.map((c) => c.name)).toEqual(['b']);
    expect(r.dropped).toEqual(['img_a.nii', 'seg_a.nii']);
    expect(Object.keys(r.files).sort()).toEqual([
      'img_b.nii',
      'loose.nii',
      'mask.nii',
      'seg_b.nii',
    ]);
    // The input is untouched.
    expect(Object.keys(files)).toHaveLength(6);
  });

  it('lets go of a shared file with its last case', () => {
    const r = withoutCase(withoutCase(cases, files, 'a').cases, files, 'b');
    expect(r.dropped).toContain('mask.nii');
  });

  it("keeps an edited case's original label in use, and drops it with the case", () => {
    const edited: StudyCase = {
      ...study('a', 'img_a.nii', 'edited/a_label.nii.gz'),
      editedFrom: 'seg_a.nii',
    };
    expect(caseFiles(edited)).toEqual(['img_a.nii', 'edited/a_label.nii.gz', 'seg_a.nii']);
    expect(caseUsing([edited], 'seg_a.nii')?.name).toBe('a');
    const all = { ...files, 'edited/a_label.nii.gz': good('edited/a_label.nii.gz') };
    const r = withoutCase([edited, cases[1]], all, 'a');
    expect(r.dropped).toEqual(['img_a.nii', 'edited/a_label.nii.gz', 'seg_a.nii']);
  });

  it('changes nothing for an unknown case', () => {
    const r = withoutCase(cases, files, 'zz');
    expect(r.cases).toHaveLength(2);
    expect(r.files).toBe(files);
    expect(r.dropped).toEqual([]);
  });
});

describe('sortIncoming', () => {
  const cases = [study('train00', 'image_train00.nii.gz', 'label_train00.nii.gz')];

  it('reads new files', () => {
    const r = sortIncoming([{ path: 'image_train01.nii.gz' }], {}, cases);
    expect(r.fresh.map((p) => p.path)).toEqual(['image_train01.nii.gz']);
    expect(r.problems).toEqual([]);
  });

  it('reports a copy of a file a case uses once, naming the case, and skips it', () => {
    const loaded = { 'image_train00.nii.gz': good('image_train00.nii.gz') };
    const r = sortIncoming([{ path: 'image_train00.nii.gz' }], loaded, cases);
    expect(r.fresh).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe('image_train00.nii.gz');
    expect(r.problems[0].message).toMatch(/already loaded in case "train00"; this copy is ignored/);
  });

  it('takes a new copy of a file whose case was removed', () => {
    const loaded = { 'image_train00.nii.gz': good('image_train00.nii.gz') };
    const r = sortIncoming([{ path: 'image_train00.nii.gz' }], loaded, []);
    expect(r.fresh).toHaveLength(1);
    expect(r.replacing.size).toBe(0);
  });

  it('replaces a file whose earlier load failed, even when a case refers to it', () => {
    const loaded = {
      'image_train00.nii.gz': good('image_train00.nii.gz'),
      'label_train00.nii.gz': bad('label_train00.nii.gz'),
      'image_train02.nii.gz': bad('image_train02.nii.gz'),
    };
    const r = sortIncoming(
      [{ path: 'label_train00.nii.gz' }, { path: 'image_train02.nii.gz' }],
      loaded,
      cases,
    );
    expect(r.fresh.map((p) => p.path)).toEqual(['label_train00.nii.gz', 'image_train02.nii.gz']);
    expect([...r.replacing]).toEqual(['label_train00.nii.gz']);
    expect(r.problems).toEqual([]);
  });

  it('uses the first of two copies picked together', () => {
    const r = sortIncoming([{ path: 'x.nii' }, { path: 'x.nii' }], {}, []);
    expect(r.fresh).toHaveLength(1);
    expect(r.problems.map((p) => p.message)).toEqual([
      'x.nii: picked twice in one go; the first copy is used.',
    ]);
  });
});

describe('caseFiles', () => {
  it('lists channels, label and extras', () => {
    const c = study('a', 'i.nii', 's.nii', ['m.nii']);
    expect(caseFiles(c)).toEqual(['i.nii', 's.nii', 'm.nii']);
    expect(caseUsing([c], 'm.nii')?.name).toBe('a');
    expect(caseUsing([c], 'x.nii')).toBeUndefined();
  });
});
