import { describe, it, expect } from 'vitest';
import {
  BRATS,
  PROMISE12,
  buildLabelTable,
  detectConvention,
  labelEntry,
  renameLabel,
  tableColormap,
} from './label-names';
import { labelColor, structureColor } from '../viewer/colors';

const names = (t: { entries: { value: number; name: string }[] }) =>
  Object.fromEntries(t.entries.map((e) => [e.value, e.name]));

describe('detectConvention', () => {
  it('recognises BraTS case folders', () => {
    expect(
      detectConvention([
        'brats_2013_pat0003_1/Flair_subtrMeanDivStd.nii.gz',
        'brats_2013_pat0003_1/OTMultiClass.nii.gz',
      ]),
    ).toBe(BRATS);
    expect(detectConvention(['case7/T1c.nii.gz', 'case7/OTMultiClass.nii.gz'])).toBe(BRATS);
    expect(detectConvention(['BraTS20_Training_001/BraTS20_Training_001_seg.nii.gz'])).toBe(BRATS);
  });

  it('recognises Decathlon tasks by folder or by imagesTr / labelsTr names', () => {
    expect(detectConvention(['Task05_Prostate/labelsTr/prostate_00.nii.gz'])?.names).toEqual({
      1: 'peripheral zone',
      2: 'transition zone',
    });
    expect(detectConvention(['data/labelsTr/prostate_16.nii.gz'])?.title).toMatch(/Task05/);
    // The Decathlon's brain tumour task numbers its classes unlike BraTS.
    const msd = detectConvention(['imagesTr/BRATS_001_0000.nii.gz', 'labelsTr/BRATS_001.nii.gz']);
    expect(msd?.names[1]).toBe('oedema');
  });

  it('recognises PROMISE12 names, and nothing in unknown data', () => {
    expect(detectConvention(['image_train00.nii.gz', 'label_train00.nii.gz'])).toBe(PROMISE12);
    expect(detectConvention(['promise12/Case03_segmentation.nii.gz'])).toBe(PROMISE12);
    expect(detectConvention(['scan_01.nii.gz', 'scan_01_seg.nii.gz'])).toBeNull();
  });
});

describe('buildLabelTable', () => {
  it('names BraTS classes by the convention, with a colour per structure', () => {
    const t = buildLabelTable({ values: [0, 1, 2, 4], convention: BRATS });
    expect(names(t)).toEqual({
      1: 'necrosis',
      2: 'oedema',
      3: 'non-enhancing tumour',
      4: 'enhancing tumour',
    });
    expect(new Set(t.entries.map((e) => e.color.join())).size).toBe(4);
    expect(t.source).toBe('BraTS convention');
  });

  it('falls back to "label N" for unknown data and ignores non-integer values', () => {
    const t = buildLabelTable({ values: [0, 1, 2, 0.37] });
    expect(names(t)).toEqual({ 1: 'label 1', 2: 'label 2' });
    expect(t.entries[0].color).toEqual(labelColor(1));
  });

  it('lets a dropped table win, then the names the user gave, then the convention', () => {
    const previous = renameLabel(buildLabelTable({ values: [1, 2] }), 2, 'bladder');
    const t = buildLabelTable({
      values: [1, 2, 3],
      previous,
      convention: PROMISE12,
      file: { name: 'labels.json', labels: [{ value: 3, name: 'rectum', color: [1, 2, 3] }] },
    });
    expect(names(t)).toEqual({ 1: 'prostate', 2: 'bladder', 3: 'rectum' });
    expect(t.entries[2].color).toEqual([1, 2, 3]);
    expect(t.entries[0].color).toEqual(structureColor('prostate', 1));
    expect(t.source).toBe('names from labels.json');
  });

  it('keeps a colour once given, when a later name changes', () => {
    const first = buildLabelTable({ values: [1] });
    const t = buildLabelTable({ values: [1], previous: renameLabel(first, 1, 'prostate') });
    expect(t.entries[0]).toEqual({ value: 1, name: 'prostate', color: labelColor(1) });
  });
});

describe('renameLabel and lookups', () => {
  const table = buildLabelTable({ values: [1], convention: PROMISE12 });

  it('renames, adds and restores names without touching the input', () => {
    const t = renameLabel(table, 1, '  whole   gland ');
    expect(labelEntry(t, 1).name).toBe('whole gland');
    expect(labelEntry(table, 1).name).toBe('prostate');
    expect(t.source).toBe('PROMISE12 convention (edited)');
    expect(renameLabel(t, 1, ' ').entries[0].name).toBe('label 1');
    expect(renameLabel(t, 3, 'lesion').entries.map((e) => e.value)).toEqual([1, 3]);
  });

  it('answers for values the table does not hold', () => {
    expect(labelEntry(table, 7)).toEqual({ value: 7, name: 'label 7', color: labelColor(7) });
  });

  it('builds the viewer colormap of a label map from the table', () => {
    expect(tableColormap(table, [0, 1])).toEqual([
      { value: 1, name: 'prostate', color: structureColor('prostate', 1) },
    ]);
    expect(tableColormap(table, [0])).toBeUndefined();
  });
});
