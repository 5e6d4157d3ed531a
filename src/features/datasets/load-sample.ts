/**
 * Puts the built-in phantom dataset in the store: the default so the studio works on
 * first open with no download. Generated in the page; deterministic, with the labels the
 * user edited on it put back.
 */
import { generatePhantomDataset, PHANTOM_LABELS, PHANTOM_PROSTATE_VALUE } from '../../sample';
import { labelValues } from '../../io';
import { useStudio, type LoadedFile, type StudyCase } from '../../store';
import { buildLabelTable, type Convention } from './label-names';
import { assignSplits } from './splits';
import { restoreEditsOfCurrentDataset } from '../annotate/edit-persistence';

/** The sample's own label table: body, bone, bladder, rectum, prostate. */
export const SAMPLE_LABELS: Convention = {
  title: 'built-in sample',
  names: Object.fromEntries(
    Object.entries(PHANTOM_LABELS)
      .filter(([value]) => value !== '0')
      .map(([value, info]) => [value, info.name]),
  ),
};

export const SAMPLE_CASES = 8;

export function loadSampleDataset(): void {
  const files: Record<string, LoadedFile> = {};
  const cases: StudyCase[] = [];
  for (const c of generatePhantomDataset(SAMPLE_CASES)) {
    const imagePath = `sample/${c.name}_t2w.nii.gz`;
    const labelPath = `sample/${c.name}_seg.nii.gz`;
    files[imagePath] = { path: imagePath, size: c.image.data.byteLength, volumes: [c.image] };
    files[labelPath] = { path: labelPath, size: c.label.data.byteLength, volumes: [c.label] };
    cases.push({
      name: c.name,
      channels: [{ path: imagePath, channel: 'T2' }],
      label: labelPath,
      extras: [],
      split: 'train',
      labelValues: labelValues(c.label),
    });
  }
  const labelTable = buildLabelTable({
    values: cases.flatMap((c) => c.labelValues ?? []),
    convention: SAMPLE_LABELS,
  });
  useStudio.getState().setDataset('sample', files, assignSplits(cases), labelTable);
  useStudio.getState().setTarget({ mode: 'binary', foregroundValues: [PHANTOM_PROSTATE_VALUE] });
  // The sample is built afresh, but labels the user edited on it are kept.
  void restoreEditsOfCurrentDataset();
}
