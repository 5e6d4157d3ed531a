import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { guessChannel, pairFiles, type DroppedFile, type PairingResult } from './pairing';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const hasData = existsSync(path.join(DATA, 'promise12'));

/** A drop of `folder` as the browser reports it: paths relative to the drop, sizes. */
function listing(folder: string, under = folder): DroppedFile[] {
  const out: DroppedFile[] = [];
  for (const entry of readdirSync(path.join(DATA, folder), { withFileTypes: true })) {
    const rel = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listing(rel, under));
    else out.push({ path: rel, size: statSync(path.join(DATA, rel)).size });
  }
  return out;
}

const files = (...paths: string[]): DroppedFile[] => paths.map((p) => ({ path: p, size: 1024 }));
const names = (r: PairingResult) => r.cases.map((c) => c.name);
const byName = (r: PairingResult, name: string) => r.cases.find((c) => c.name === name);

describe.skipIf(!hasData)('pairFiles on the shared data (skipped: ../shared/data absent)', () => {
  it('pairs the 30 PROMISE12 image/label files', () => {
    const r = pairFiles(listing('promise12'));
    expect(names(r)).toEqual(
      Array.from({ length: 30 }, (_, i) => `train${String(i).padStart(2, '0')}`),
    );
    for (const c of r.cases) {
      expect(c.channels).toEqual([{ path: `promise12/image_${c.name}.nii.gz`, channel: 'image' }]);
      expect(c.label).toBe(`promise12/label_${c.name}.nii.gz`);
      expect(c.extras).toEqual([]);
    }
    expect(r.unassigned).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('makes each BraTS folder one case: Flair and T1c channels, the label, the brain mask', () => {
    const r = pairFiles(listing('brats2015'));
    expect(names(r)).toEqual([3, 4, 5, 6].map((n) => `brats_2013_pat000${n}_1`));
    for (const c of r.cases) {
      const dir = `brats2015/${c.name}`;
      expect(c.channels).toEqual([
        { path: `${dir}/Flair_subtrMeanDivStd.nii.gz`, channel: 'Flair' },
        { path: `${dir}/T1c_subtrMeanDivStd.nii.gz`, channel: 'T1c' },
      ]);
      expect(c.label).toBe(`${dir}/OTMultiClass.nii.gz`);
      expect(c.extras).toEqual([`${dir}/brainmask.nii.gz`]);
    }
    expect(r.unassigned).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual(
      Array(4).fill('not a .nii / .nii.gz file, ignored'),
    );
    expect(r.problems.every((p) => p.path.endsWith('License_CC_BY_NC_SA_3.0.txt'))).toBe(true);
  });

  it('pairs the ProstateX lesion with the T2W of its date and keeps the other scan alone', () => {
    const r = pairFiles(listing('prostatex'));
    expect(r.cases).toEqual([
      {
        name: 'ProstateX-0000_07-07-2011',
        channels: [{ path: 'prostatex/ProstateX-0000_07-07-2011_t2w.nii.gz', channel: 'T2' }],
        label: 'prostatex/ProstateX-0000_07-07-2011_lesion.nii.gz',
        extras: [],
      },
      {
        name: 'ProstateX-0000_t2_tse_tra_4',
        channels: [{ path: 'prostatex/ProstateX-0000_t2_tse_tra_4.nii.gz', channel: 'T2' }],
        label: undefined,
        extras: [],
      },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('sorts out all three sets dropped together as one folder', () => {
    const all = ['promise12', 'brats2015', 'prostatex'].flatMap((f) => listing(f));
    const r = pairFiles([
      ...all.map((f) => ({ ...f, path: `data/${f.path}` })),
      { path: 'data/README.md', size: statSync(path.join(DATA, 'README.md')).size },
    ]);
    expect(r.cases).toHaveLength(36);
    expect(r.unassigned).toEqual([]);
    expect(r.problems).toHaveLength(5);
    expect(byName(r, 'train17')?.label).toBe('data/promise12/label_train17.nii.gz');
  });
});

describe('pairFiles naming conventions', () => {
  it('reads MSD trees: imagesTr with labelsTr, imagesTs alone, _0000 suffixes as channels', () => {
    const r = pairFiles(
      files(
        'Task05_Prostate/imagesTr/prostate_00.nii.gz',
        'Task05_Prostate/labelsTr/prostate_00.nii.gz',
        'Task05_Prostate/imagesTr/prostate_01.nii.gz',
        'Task05_Prostate/labelsTr/prostate_01.nii.gz',
        'Task05_Prostate/imagesTs/prostate_03.nii.gz',
        'Task05_Prostate/dataset.json',
        'Dataset001/imagesTr/case_001_0001.nii.gz',
        'Dataset001/imagesTr/case_001_0000.nii.gz',
        'Dataset001/labelsTr/case_001.nii.gz',
      ),
    );
    expect(names(r)).toEqual(['case_001', 'prostate_00', 'prostate_01', 'prostate_03']);
    expect(byName(r, 'prostate_01')?.label).toBe('Task05_Prostate/labelsTr/prostate_01.nii.gz');
    expect(byName(r, 'prostate_03')?.label).toBeUndefined();
    expect(byName(r, 'case_001')).toEqual({
      name: 'case_001',
      channels: [
        { path: 'Dataset001/imagesTr/case_001_0000.nii.gz', channel: 'ch0' },
        { path: 'Dataset001/imagesTr/case_001_0001.nii.gz', channel: 'ch1' },
      ],
      label: 'Dataset001/labelsTr/case_001.nii.gz',
      extras: [],
    });
    expect(r.problems).toEqual([
      { path: 'Task05_Prostate/dataset.json', message: 'not a .nii / .nii.gz file, ignored' },
    ]);
  });

  it('pairs MSD files by name only, never by folder', () => {
    const r = pairFiles(files('T/imagesTs/b.nii.gz', 'T/labelsTr/c.nii.gz'));
    expect(names(r)).toEqual(['b']);
    expect(r.cases[0].label).toBeUndefined();
    expect(r.unassigned).toEqual(['T/labelsTr/c.nii.gz']);
  });

  it('pairs _seg, seg_, _label, _mask and _segmentation names with their images', () => {
    const r = pairFiles(
      files(
        'd/01_seg.nii.gz',
        'd/01.nii.gz',
        'd/seg_02.nii.gz',
        'd/02_img.nii.gz',
        'd/03_label.nii',
        'd/03.nii',
        'd/04_mask.nii.gz',
        'd/04_image.nii.gz',
        'd/Case05_segmentation.nii.gz',
        'd/case05.nii.gz',
      ),
    );
    expect(r.cases.map((c) => [c.name, c.channels[0].path, c.label])).toEqual([
      ['01', 'd/01.nii.gz', 'd/01_seg.nii.gz'],
      ['02', 'd/02_img.nii.gz', 'd/seg_02.nii.gz'],
      ['03', 'd/03.nii', 'd/03_label.nii'],
      ['04', 'd/04_image.nii.gz', 'd/04_mask.nii.gz'],
      ['case05', 'd/case05.nii.gz', 'd/Case05_segmentation.nii.gz'],
    ]);
    expect(r.unassigned).toEqual([]);
  });

  it('groups ID-prefixed sequences (BraTS 2020) and orders channels canonically', () => {
    const id = 'BraTS20_Training_001';
    const r = pairFiles(
      files(...['t2', 'seg', 'flair', 't1ce', 't1'].map((s) => `${id}/${id}_${s}.nii.gz`)),
    );
    expect(names(r)).toEqual([id]);
    expect(r.cases[0].channels.map((c) => c.channel)).toEqual(['Flair', 'T1', 'T1c', 'T2']);
    expect(r.cases[0].label).toBe(`${id}/${id}_seg.nii.gz`);
  });

  it('names a case folder holding image.nii.gz and label.nii.gz after the folder', () => {
    const r = pairFiles(files('patient7/image.nii.gz', 'patient7/label.nii.gz'));
    expect(r.cases).toEqual([
      {
        name: 'patient7',
        channels: [{ path: 'patient7/image.nii.gz', channel: 'image' }],
        label: 'patient7/label.nii.gz',
        extras: [],
      },
    ]);
  });

  it('keeps unrelated scans apart and leaves a label of another ID unassigned', () => {
    const lone = pairFiles(files('new/scanA_t2.nii.gz', 'new/scanB_adc.nii.gz'));
    expect(names(lone)).toEqual(['scanA', 'scanB']);
    expect(lone.cases.every((c) => c.label === undefined)).toBe(true);
    const mismatch = pairFiles(files('x/image_01.nii.gz', 'x/label_02.nii.gz'));
    expect(names(mismatch)).toEqual(['01']);
    expect(mismatch.cases[0].label).toBeUndefined();
    expect(mismatch.unassigned).toEqual(['x/label_02.nii.gz']);
    expect(mismatch.problems).toEqual([
      { path: 'x/label_02.nii.gz', message: 'no image found for this label' },
    ]);
  });

  it('keeps the first of two labels and reports the second', () => {
    const r = pairFiles(files('d/07.nii.gz', 'd/07_seg.nii.gz', 'd/07_label.nii.gz'));
    expect(r.cases[0].label).toBe('d/07_label.nii.gz');
    expect(r.unassigned).toEqual(['d/07_seg.nii.gz']);
    expect(r.problems[0].path).toBe('d/07_seg.nii.gz');
  });

  it('ignores junk with a reason for each file', () => {
    const r = pairFiles([
      ...files(
        '.DS_Store',
        'set/notes.txt',
        'set/scan.hdr',
        '__MACOSX/set/._image_01.nii.gz',
        'set/image_01.nii.gz',
        './set/image_01.nii.gz',
        'set\\label_01.nii.gz',
      ),
      { path: 'set/image_02.nii.gz', size: 0 },
    ]);
    expect(r.cases).toEqual([
      {
        name: '01',
        channels: [{ path: 'set/image_01.nii.gz', channel: 'image' }],
        label: 'set/label_01.nii.gz',
        extras: [],
      },
    ]);
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([
      ['.DS_Store', 'not a .nii / .nii.gz file, ignored'],
      ['set/notes.txt', 'not a .nii / .nii.gz file, ignored'],
      ['set/scan.hdr', 'not a .nii / .nii.gz file, ignored'],
      ['__MACOSX/set/._image_01.nii.gz', 'macOS metadata file, ignored'],
      ['set/image_01.nii.gz', 'listed twice, ignored'],
      ['set/image_02.nii.gz', 'the file is empty (0 bytes); nothing to load'],
    ]);
  });

  it('prefixes the folder to a case name found in two folders, and says so', () => {
    const r = pairFiles(
      files(
        'siteA/image_01.nii.gz',
        'siteA/label_01.nii.gz',
        'siteB/image_01.nii.gz',
        'siteB/label_01.nii.gz',
        'a/x/image_02.nii.gz',
        'b/x/image_02.nii.gz',
      ),
    );
    expect(names(r)).toEqual(['a_x_02', 'b_x_02', 'siteA_01', 'siteB_01']);
    expect(byName(r, 'siteB_01')?.label).toBe('siteB/label_01.nii.gz');
    expect(r.problems).toHaveLength(4);
    expect(r.problems[0].message).toMatch(/is used in another folder too; renamed to/);
  });

  it('never renames onto a name another case already has', () => {
    const r = pairFiles(files('image_01.nii.gz', 'x/image_01.nii.gz', 'x_01.nii.gz'));
    expect(new Set(names(r).map((n) => n.toLowerCase())).size).toBe(3);
    expect(names(r)).toContain('x_01');
  });

  it('guesses channels from sequence names', () => {
    expect(guessChannel('a/Flair_subtrMeanDivStd.nii.gz')).toBe('Flair');
    expect(guessChannel('p_T2W.nii.gz')).toBe('T2');
    expect(guessChannel('p_t1ce.nii')).toBe('T1c');
    expect(guessChannel('p_adc.nii.gz')).toBe('ADC');
    expect(guessChannel('image_train03.nii.gz')).toBe('image');
  });
});

describe('pre-split slice folders', () => {
  it('pairs images with masks kept in sibling folders named with a label word', () => {
    const r = pairFiles(
      [
        'HipMRI/keras_slices_train/case_004_week_0_slice_0.nii.gz',
        'HipMRI/keras_slices_seg_train/seg_004_week_0_slice_0.nii.gz',
        'HipMRI/keras_slices_train/case_004_week_0_slice_1.nii.gz',
        'HipMRI/keras_slices_seg_train/seg_004_week_0_slice_1.nii.gz',
        'HipMRI/keras_slices_test/case_010_week_1_slice_3.nii.gz',
        'HipMRI/keras_slices_seg_test/seg_010_week_1_slice_3.nii.gz',
      ].map((path) => ({ path, size: 10 })),
    );
    expect(r.unassigned).toEqual([]);
    expect(r.cases.map((c) => [c.name, c.label])).toEqual([
      ['case_004_week_0_slice_0', 'HipMRI/keras_slices_seg_train/seg_004_week_0_slice_0.nii.gz'],
      ['case_004_week_0_slice_1', 'HipMRI/keras_slices_seg_train/seg_004_week_0_slice_1.nii.gz'],
      ['case_010_week_1_slice_3', 'HipMRI/keras_slices_seg_test/seg_010_week_1_slice_3.nii.gz'],
    ]);
  });
});
