import { describe, it, expect } from 'vitest';
import {
  assignRole,
  caseProblem,
  locateFile,
  mergeInto,
  removeCase,
  renameCase,
  unassignFile,
} from './pairing-edits';
import { pairFiles, PairingEditError, type DroppedFile, type PairingResult } from './pairing';

const files = (...paths: string[]): DroppedFile[] => paths.map((p) => ({ path: p, size: 1024 }));
const names = (r: PairingResult) => r.cases.map((c) => c.name);
const byName = (r: PairingResult, name: string) => r.cases.find((c) => c.name === name);

describe('pairing edits', () => {
  const start = () =>
    pairFiles(
      files(
        'd/image_01.nii.gz',
        'd/label_01.nii.gz',
        'd/image_02.nii.gz',
        'd/02_t2.nii.gz',
        'd/stray_label.nii.gz',
        'd/02_adc.nii.gz',
      ),
    );

  it('starts from the expected pairing', () => {
    const s = start();
    expect(names(s)).toEqual(['01', '02']);
    expect(byName(s, '02')?.channels.map((c) => c.channel)).toEqual(['image', 'T2', 'ADC']);
    expect(s.unassigned).toEqual(['d/stray_label.nii.gz']);
  });

  it('assigns a label, moving the one it replaces to unassigned, without touching the input', () => {
    const s = start();
    const before = structuredClone(s);
    const next = assignRole(s, 'd/stray_label.nii.gz', 'label', '01');
    expect(s).toEqual(before);
    expect(byName(next, '01')?.label).toBe('d/stray_label.nii.gz');
    expect(next.unassigned).toEqual(['d/label_01.nii.gz']);
    expect(locateFile(next, 'd/label_01.nii.gz')).toEqual({ caseName: null, role: null });
  });

  it('turns an image into an extra and back into a channel of another case', () => {
    const s = assignRole(start(), 'd/02_adc.nii.gz', 'extra', '02');
    expect(byName(s, '02')?.extras).toEqual(['d/02_adc.nii.gz']);
    expect(byName(s, '02')?.channels.map((c) => c.channel)).toEqual(['image', 'T2']);
    const t = assignRole(s, 'd/02_adc.nii.gz', 'image', '01');
    expect(byName(t, '01')?.channels.map((c) => c.channel)).toEqual(['image', 'ADC']);
    expect(byName(t, '02')?.extras).toEqual([]);
    const u = assignRole(t, 'd/02_t2.nii.gz', 'image', '01', 'ADC');
    expect(byName(u, '01')?.channels.map((c) => c.channel)).toEqual(['image', 'ADC', 'ADC (2)']);
  });

  it('creates a case on demand and flags a case left without image', () => {
    const s = assignRole(start(), 'd/stray_label.nii.gz', 'image', 'new');
    expect(names(s)).toEqual(['01', '02', 'new']);
    expect(names(assignRole(s, 'd/02_adc.nii.gz', 'extra', 'NEW'))).toEqual(['01', '02', 'new']);
    const swapped = assignRole(s, 'd/image_01.nii.gz', 'extra', 'new');
    expect(caseProblem(byName(swapped, '01')!)).toMatch(/no image/);
    expect(caseProblem(byName(swapped, 'new')!)).toBeUndefined();
  });

  it('removes a case, freeing its files', () => {
    const s = removeCase(start(), '01');
    expect(names(s)).toEqual(['02']);
    expect(s.unassigned).toEqual([
      'd/image_01.nii.gz',
      'd/label_01.nii.gz',
      'd/stray_label.nii.gz',
    ]);
    expect(() => removeCase(s, '01')).toThrow(PairingEditError);
  });

  it('renames a case unless the name is taken', () => {
    const s = renameCase(start(), '02', 'a02');
    expect(names(s)).toEqual(['01', 'a02']);
    expect(() => renameCase(s, '01', 'A02')).toThrow(/already exists/);
    expect(() => renameCase(s, '01', '  ')).toThrow(PairingEditError);
  });

  it('merges one case into another, keeping the target label', () => {
    const s = assignRole(start(), 'd/stray_label.nii.gz', 'label', '02');
    const m = mergeInto(s, '02', '01');
    expect(names(m)).toEqual(['01']);
    expect(byName(m, '01')?.channels.map((c) => c.channel)).toEqual([
      'image',
      'image (2)',
      'T2',
      'ADC',
    ]);
    expect(byName(m, '01')?.label).toBe('d/label_01.nii.gz');
    expect(m.unassigned).toEqual(['d/stray_label.nii.gz']);
    expect(() => mergeInto(m, '01', '01')).toThrow(PairingEditError);
  });

  it('refuses files it does not know', () => {
    expect(() => assignRole(start(), 'nope.nii.gz', 'image', '01')).toThrow(PairingEditError);
    expect(() => unassignFile(start(), 'nope.nii.gz')).toThrow(PairingEditError);
    expect(unassignFile(start(), 'd/02_t2.nii.gz').unassigned).toContain('d/02_t2.nii.gz');
  });
});
