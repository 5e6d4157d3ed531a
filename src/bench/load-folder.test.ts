import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeNifti, type Volume } from '../io';
import type { FileRef } from './api';
import { FolderError, loadFolder } from './load-folder';

const DATA = path.resolve(__dirname, '../../../shared/data');
const HAS_DATA = existsSync(path.join(DATA, 'promise12'));

function volume(dims: [number, number, number], fill: (i: number) => number): Volume {
  const n = dims[0] * dims[1] * dims[2];
  return {
    dims,
    spacing: [1, 1, 2],
    data: Float32Array.from({ length: n }, (_, i) => fill(i)),
    sourceType: 'int16',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1],
  };
}

/** An in-memory folder: path -> bytes, served through FileRefs. */
function folder(files: Record<string, Uint8Array>) {
  const refs: FileRef[] = Object.entries(files).map(([p, b]) => ({
    path: p,
    size: b.length,
    url: `mem:${p}`,
  }));
  const read = (f: FileRef) => Promise.resolve(files[f.path]);
  return { refs, read };
}

const image = (dims: [number, number, number] = [8, 6, 3]) =>
  writeNifti(volume(dims, (i) => i % 50));
const label = (dims: [number, number, number] = [8, 6, 3]) =>
  writeNifti({ ...volume(dims, (i) => (i % 7 === 0 ? 1 : 0)), sourceType: 'uint8' });

describe('loadFolder', () => {
  // A folder holding one image and its label is one case named after the folder.
  it('pairs and decodes cases, prefixing engine names with the role', async () => {
    const { refs, read } = folder({
      'image_a.nii': image(),
      'label_a.nii': label(),
      'b/scan.nii': image(),
      'b/scan_seg.nii': label(),
      'README.md': new Uint8Array([35, 10]),
    });
    const { cases, notes } = await loadFolder(refs, 'test', read);
    expect(cases.map((c) => c.info.name)).toEqual(['a', 'b']);
    expect(cases.map((c) => c.input.name)).toEqual(['test/a', 'test/b']);
    expect(cases[0].input.role).toBe('test');
    expect(cases[0].input.dims).toEqual([8, 6, 3]);
    expect(cases[0].input.channels[0][7]).toBe(7);
    expect(Array.from(cases[0].input.label ?? []).filter((v) => v === 1)).toHaveLength(21);
    expect(notes).toEqual(['README.md: not a .nii / .nii.gz file, ignored']);
  });

  it('reports every problem of a bad folder at once', async () => {
    const { refs, read } = folder({
      'image_a.nii': image(),
      'label_a.nii': label([8, 6, 4]),
      'image_b.nii': new Uint8Array(400).fill(7),
      'label_b.nii': label(),
      'image_c.nii': image(),
      'label_z.nii': label(),
    });
    const error = await loadFolder(refs, 'train', read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderError);
    const problems = (error as FolderError).problems.join('\n');
    expect(problems).toMatch(/label_a\.nii: label grid does not match the image grid/);
    expect(problems).toMatch(/image_b\.nii: .*NIfTI/);
    expect(problems).toMatch(/case "c" has no label file/);
    expect(problems).toMatch(/label_z\.nii: no image found/);
    expect((error as FolderError).message).toMatch(/^the train folder cannot be used/);
  });

  it('refuses a folder without images, and cases with different channel counts', async () => {
    const empty = folder({ 'notes.txt': new Uint8Array([1]) });
    await expect(loadFolder(empty.refs, 'train', empty.read)).rejects.toThrow(
      /no NIfTI image found among 1 file/,
    );
    const mixed = folder({
      'p1/Flair.nii': image(),
      'p1/T1.nii': image(),
      'p1/seg.nii': label(),
      'image_q.nii': image(),
      'label_q.nii': label(),
    });
    await expect(loadFolder(mixed.refs, 'train', mixed.read)).rejects.toThrow(
      /different numbers of image channels \(q: 1, p1: 2\)|different numbers of image channels \(p1: 2, q: 1\)/,
    );
  });
});

describe.skipIf(!HAS_DATA)('loadFolder on PROMISE12', () => {
  it('pairs image_trainNN with label_trainNN and decodes them on one grid', async () => {
    const dir = path.join(DATA, 'promise12');
    const names = readdirSync(dir).filter((n) => /_train0[01]\.nii\.gz$/.test(n));
    const { refs, read } = folder(
      Object.fromEntries(names.map((n) => [n, new Uint8Array(readFileSync(path.join(dir, n)))])),
    );
    const { cases } = await loadFolder(refs, 'train', read);
    expect(cases.map((c) => c.info.name)).toEqual(['train00', 'train01']);
    for (const c of cases) {
      expect(c.input.dims).toEqual([128, 128, 32]);
      expect(c.info.label).toMatch(/^label_/);
      expect(new Set(c.input.label)).toEqual(new Set([0, 1]));
    }
  });
});
