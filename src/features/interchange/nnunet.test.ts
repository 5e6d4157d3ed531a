/**
 * The nnU-Net round trip: a dataset exported in nnU-Net v2's raw layout and read back as
 * a dropped folder is read by the studio's own pairing, NIfTI reader and label-table
 * reader, and gives the same cases: names, channels in order, voxels, grids, labels,
 * label names and splits.
 */
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readNifti, type Volume } from '../../io';
import type { LabelTable } from '../../store';
import { pairFiles } from '../datasets/pairing';
import { parseLabelFile } from '../datasets/label-files';
import { nnunetExport, exactType, type ExportCase } from './nnunet-export';
import {
  applyNnunetMeta,
  isNnunetJson,
  nnunetSplit,
  readNnunetMeta,
  reviewedFromIgnore,
} from './nnunet-import';

const DIMS: [number, number, number] = [6, 5, 4];
const AFFINE = [0.5, 0, 0, -10, 0, 0.75, 0, 20.5, 0, 0, 3, -4, 0, 0, 0, 1];

function volume(fill: (i: number) => number, sourceType: Volume['sourceType']): Volume {
  const data = Float32Array.from({ length: DIMS[0] * DIMS[1] * DIMS[2] }, (_, i) => fill(i));
  return { dims: DIMS, spacing: [0.5, 0.75, 3], data, sourceType, affine: AFFINE };
}

function studyCase(name: string, split: ExportCase['split'], seed: number, labelled = true) {
  return {
    name,
    split,
    channels: [
      { channel: 'T2', volume: volume((i) => (i * seed) % 1200, 'int16') },
      // A scaled channel: non-integer values must come back exactly.
      { channel: 'ADC', volume: volume((i) => 0.25 + ((i * seed) % 97) / 7, 'int16') },
    ],
    label: labelled
      ? volume((i) => ((i + seed) % 7 === 0 ? 1 : (i + seed) % 11 === 0 ? 2 : 0), 'uint8')
      : null,
  } satisfies ExportCase;
}

const TABLE: LabelTable = {
  entries: [
    { value: 1, name: 'peripheral zone', color: [255, 0, 0] },
    { value: 2, name: 'transition zone', color: [0, 255, 0] },
  ],
  source: 'test',
};

/** Reads an unzipped folder the way a drop does: pairing, nnU-Net JSON, the NIfTI reader. */
function readBack(entries: Record<string, Uint8Array>) {
  const paths = Object.keys(entries);
  const json = paths
    .filter(isNnunetJson)
    .map((path) => ({ path, text: new TextDecoder().decode(entries[path]) }));
  const meta = readNnunetMeta(json);
  const datasetJson = json.find((f) => f.path.endsWith('dataset.json'))?.text ?? '';
  const nifti = paths.filter((p) => !isNnunetJson(p));
  const pairing = pairFiles(nifti.map((path) => ({ path, size: entries[path].length })));
  expect(pairing.problems).toEqual([]);
  const read = (path: string) => readNifti(entries[path], path)[0];
  return {
    labels: parseLabelFile(datasetJson),
    cases: applyNnunetMeta(pairing.cases, meta).map((d) => {
      const label = d.label ? read(d.label) : null;
      const reviewed =
        label && meta.ignore !== null
          ? reviewedFromIgnore(label.data, label.dims, meta.ignore)
          : null;
      return {
        name: d.name,
        split: nnunetSplit(d, meta),
        channels: d.channels.map((c) => ({ channel: c.channel, volume: read(c.path) })),
        label,
        reviewed,
      };
    }),
  };
}

describe('nnU-Net export and import', () => {
  it('round-trips the cases: names, channels, voxels, grids, labels, names and splits', () => {
    const cases = [
      studyCase('case01', 'train', 3),
      studyCase('case02', 'val', 5),
      studyCase('case03', 'train', 7),
      studyCase('case04', 'test', 11),
      studyCase('new05', 'test', 13, false),
    ];
    const out = nnunetExport(cases, TABLE, 'prostate zones');
    expect(out.folder).toBe('Dataset500_prostate_zones');
    expect(out.notes).toEqual([]);
    const paths = out.files.map((f) => f.path.slice(out.folder.length + 1)).sort();
    expect(paths).toContain('imagesTr/case01_0000.nii.gz');
    expect(paths).toContain('imagesTr/case01_0001.nii.gz');
    expect(paths).toContain('labelsTr/case02.nii.gz');
    expect(paths).toContain('imagesTs/new05_0001.nii.gz');
    expect(paths).not.toContain('labelsTs/new05.nii.gz');
    const datasetJson = JSON.parse(
      new TextDecoder().decode(out.files.find((f) => f.path.endsWith('dataset.json'))?.bytes),
    ) as Record<string, unknown>;
    expect(datasetJson).toMatchObject({
      channel_names: { '0': 'T2', '1': 'ADC' },
      labels: { background: 0, 'peripheral zone': 1, 'transition zone': 2 },
      numTraining: 3,
      file_ending: '.nii.gz',
    });

    const zip = zipSync(Object.fromEntries(out.files.map((f) => [f.path, f.bytes])), { level: 0 });
    const back = readBack(unzipSync(zip));
    expect(back.labels?.map((l) => [l.value, l.name])).toEqual([
      [1, 'peripheral zone'],
      [2, 'transition zone'],
    ]);
    expect(back.cases.map((c) => [c.name, c.split])).toEqual(cases.map((c) => [c.name, c.split]));
    for (const [i, c] of back.cases.entries()) {
      const original = cases[i];
      expect(c.channels.map((x) => x.channel)).toEqual(['T2', 'ADC']);
      for (const [k, ch] of c.channels.entries()) {
        const v = original.channels[k].volume;
        expect(ch.volume.dims).toEqual(v.dims);
        expect(ch.volume.spacing).toEqual(v.spacing);
        expect(ch.volume.affine.map((x) => Math.round(x * 1e4) / 1e4)).toEqual(AFFINE);
        expect(Array.from(ch.volume.data)).toEqual(Array.from(v.data));
      }
      expect(c.label ? Array.from(c.label.data) : null).toEqual(
        original.label ? Array.from(original.label.data) : null,
      );
    }
  });

  it('writes the unreviewed slices of a partial label as "ignore" and reads them back so', () => {
    const partial = { ...studyCase('draft01', 'train', 3), reviewed: [1, 2] };
    const cases = [studyCase('case01', 'train', 5), partial];
    const out = nnunetExport(cases, TABLE, 'drafts');
    const datasetJson = JSON.parse(
      new TextDecoder().decode(out.files.find((f) => f.path.endsWith('dataset.json'))?.bytes),
    ) as { labels: Record<string, number> };
    // nnU-Net v2: "ignore" is the highest label value.
    expect(datasetJson.labels).toEqual({
      background: 0,
      'peripheral zone': 1,
      'transition zone': 2,
      ignore: 3,
    });
    expect(out.notes.join(' ')).toMatch(/draft01 \(2 of 4 slices\)/);
    const back = readBack(Object.fromEntries(out.files.map((f) => [f.path, f.bytes])));
    expect(back.labels?.map((l) => l.name)).toEqual(['peripheral zone', 'transition zone']);
    const [whole, draft] = back.cases;
    expect(whole.reviewed).toBeNull();
    expect(Array.from(whole.label?.data ?? [])).toEqual(Array.from(cases[0].label?.data ?? []));
    expect(draft.reviewed).toEqual([1, 2]);
    // Reviewed slices come back as drawn; the others as background.
    const plane = DIMS[0] * DIMS[1];
    const expected = Array.from(partial.label?.data ?? [], (v, i) =>
      [1, 2].includes(Math.floor(i / plane)) ? v : 0,
    );
    expect(Array.from(draft.label?.data ?? [])).toEqual(expected);
  });

  it('renumbers gappy label values, renames unsafe case names, and refuses mixed channels', () => {
    const brats = studyCase('pat 1', 'train', 3);
    brats.label = volume((i) => [0, 1, 2, 4][i % 4], 'uint8');
    const out = nnunetExport([brats], { entries: [], source: '' }, 'brats');
    expect(out.notes).toEqual([
      'label values 0, 1, 2, 4 are written as 0, 1, 2, 3 (nnU-Net needs consecutive values); dataset.json keeps their names',
      'case "pat 1" is written as "pat_1"',
    ]);
    const back = readBack(
      unzipSync(zipSync(Object.fromEntries(out.files.map((f) => [f.path, f.bytes])))),
    );
    expect(back.cases[0].name).toBe('pat_1');
    expect(new Set(back.cases[0].label?.data)).toEqual(new Set([0, 1, 2, 3]));
    const odd = {
      ...studyCase('b', 'train', 1),
      channels: [studyCase('b', 'train', 1).channels[0]],
    };
    expect(() => nnunetExport([studyCase('a', 'train', 1), odd], TABLE, 'x')).toThrow(
      /same channels in every case/,
    );
  });

  it('keeps integer scans in their own type and writes fractional ones as float32', () => {
    expect(exactType(studyCase('a', 'train', 3).channels[0].volume)).toBe('int16');
    expect(exactType(studyCase('a', 'train', 3).channels[1].volume)).toBe('float32');
  });
});
