import { describe, it, expect } from 'vitest';
import { mayHoldLabelTable, parseLabelFile } from './label-files';

describe('parseLabelFile', () => {
  it('reads a JSON sidecar, flat or under "labels"', () => {
    expect(parseLabelFile('{"1": "prostate"}')).toEqual([{ value: 1, name: 'prostate' }]);
    expect(
      parseLabelFile('{"labels": {"0": "background", "2": "bladder", "1": "rectum"}}'),
    ).toEqual([
      { value: 1, name: 'rectum' },
      { value: 2, name: 'bladder' },
    ]);
  });

  it('reads the Decathlon dataset.json, spelling out its abbreviations', () => {
    const msd = JSON.stringify({
      name: 'Prostate',
      modality: { '0': 'T2', '1': 'ADC' },
      labels: { '0': 'background', '1': 'PZ', '2': 'TZ' },
      numTraining: 32,
    });
    expect(parseLabelFile(msd)).toEqual([
      { value: 1, name: 'peripheral zone' },
      { value: 2, name: 'transition zone' },
    ]);
  });

  it('reads nnU-Net v2 (name to value) and entries with colours', () => {
    expect(parseLabelFile('{"labels": {"background": 0, "PZ": 1, "TZ": 2}}')).toEqual([
      { value: 1, name: 'peripheral zone' },
      { value: 2, name: 'transition zone' },
    ]);
    expect(parseLabelFile('{"3": {"name": "tumour", "color": [10, 20, 30]}}')).toEqual([
      { value: 3, name: 'tumour', color: [10, 20, 30] },
    ]);
    expect(parseLabelFile('[{"value": 4, "name": "lesion"}]')).toEqual([
      { value: 4, name: 'lesion' },
    ]);
  });

  it('reads an ITK-SNAP label description with its colours', () => {
    const text = [
      '################################################',
      '# ITK-SnAP Label Description File',
      '################################################',
      '    0     0    0    0        0  0  0    "Clear Label"',
      '    1   255    0    0        1  1  1    "Necrotic core"',
      '    2     0  255    0        1  1  1    "Oedema"',
    ].join('\n');
    expect(parseLabelFile(text)).toEqual([
      { value: 1, name: 'Necrotic core', color: [255, 0, 0] },
      { value: 2, name: 'Oedema', color: [0, 255, 0] },
    ]);
  });

  it('reads a FreeSurfer-style colour table and a plain list', () => {
    const lut =
      '#No. Label Name:  R G B A\n0  Unknown  0 0 0 0\n17  Left-Hippocampus  220 216 20 0\n';
    expect(parseLabelFile(lut)).toEqual([
      { value: 17, name: 'Left Hippocampus', color: [220, 216, 20] },
    ]);
    expect(parseLabelFile('1: prostate\n2\tbladder\n')).toEqual([
      { value: 1, name: 'prostate' },
      { value: 2, name: 'bladder' },
    ]);
  });

  it('refuses what is not a label table', () => {
    expect(parseLabelFile('Attribution-NonCommercial-ShareAlike 3.0\n\n1. Definitions')).toBeNull();
    expect(parseLabelFile('{"EchoTime": 0.1, "RepetitionTime": 3.2}')).toBeNull();
    expect(parseLabelFile('{not json')).toBeNull();
    expect(parseLabelFile('')).toBeNull();
  });
});

describe('mayHoldLabelTable', () => {
  it('accepts table file names only', () => {
    expect(mayHoldLabelTable('Task05_Prostate/dataset.json')).toBe(true);
    expect(mayHoldLabelTable('labels.txt')).toBe(true);
    expect(mayHoldLabelTable('FreeSurferColorLUT.lut')).toBe(true);
    expect(mayHoldLabelTable('image.nii.gz')).toBe(false);
    expect(mayHoldLabelTable('photo.png')).toBe(false);
  });
});
