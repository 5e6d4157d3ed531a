/**
 * Names the label values of a dataset from the data itself, so a legend never calls a
 * brain tumour "bladder": a label table dropped with the files wins, then the names the
 * user gave (kept with the dataset), then a public dataset's convention recognised from
 * the file layout (BraTS, the Medical Segmentation Decathlon, PROMISE12), else "label N".
 * Each structure gets one colour, kept with its name, for every view. Pure.
 */
import type { LabelEntry, LabelTable } from '../../store';
import { labelColor, labelColormap, labelName, structureColor } from '../viewer/colors';
import type { LabelColormap } from '../viewer/types';
import type { FileLabel } from './label-files';

/** Names a public dataset gives its label values. */
export interface Convention {
  title: string;
  names: Readonly<Record<number, string>>;
}

export const BRATS: Convention = {
  title: 'BraTS convention',
  names: { 1: 'necrosis', 2: 'oedema', 3: 'non-enhancing tumour', 4: 'enhancing tumour' },
};

export const PROMISE12: Convention = { title: 'PROMISE12 convention', names: { 1: 'prostate' } };

/** Decathlon tasks: folder suffix, file name prefix inside imagesTr / labelsTr, names. */
const MSD_TASKS: [string, string, Record<number, string>][] = [
  ['01_BrainTumour', 'BRATS', { 1: 'oedema', 2: 'non-enhancing tumour', 3: 'enhancing tumour' }],
  ['02_Heart', 'la', { 1: 'left atrium' }],
  ['03_Liver', 'liver', { 1: 'liver', 2: 'liver tumour' }],
  ['04_Hippocampus', 'hippocampus', { 1: 'anterior hippocampus', 2: 'posterior hippocampus' }],
  ['05_Prostate', 'prostate', { 1: 'peripheral zone', 2: 'transition zone' }],
  ['06_Lung', 'lung', { 1: 'lung tumour' }],
  ['07_Pancreas', 'pancreas', { 1: 'pancreas', 2: 'pancreatic tumour' }],
  ['08_HepaticVessel', 'hepaticvessel', { 1: 'hepatic vessel', 2: 'liver tumour' }],
  ['09_Spleen', 'spleen', { 1: 'spleen' }],
  ['10_Colon', 'colon', { 1: 'colon cancer' }],
];

const MSD = MSD_TASKS.map(([task, file, names]) => ({
  folder: new RegExp(`(^|/)Task${task}(/|$)`, 'i'),
  file: new RegExp(`(^|/)(images|labels)T[rs]/${file}_\\d+(_\\d{4})?\\.nii`, 'i'),
  convention: { title: `Decathlon Task${task} convention`, names },
}));

/**
 * The convention of a dataset recognised from its file paths, or null. The Decathlon
 * comes first: its brain tumour task names files BRATS_NNN but numbers classes its own way.
 */
export function detectConvention(paths: readonly string[]): Convention | null {
  const all = paths.map((p) => p.replace(/\\/g, '/'));
  const has = (re: RegExp) => all.some((p) => re.test(p));
  for (const task of MSD) if (has(task.folder) || has(task.file)) return task.convention;
  if (has(/brats|(^|\/)OTMultiClass\.|VSD\.Brain/i)) return BRATS;
  if (has(/promise12|(^|\/)(image|label)_(train|test)\d+\.nii|(^|\/)case\d+_segmentation\./i)) {
    return PROMISE12;
  }
  return null;
}

/** Where the names of a new table come from; every part is optional. */
export interface LabelSources {
  /** Label values present in the dataset (0 and non-integers are ignored). */
  values: readonly number[];
  /** A label table file dropped with the data. */
  file?: { name: string; labels: readonly FileLabel[] } | null;
  /** The table the dataset had so far (the user's names). */
  previous?: LabelTable | null;
  convention?: Convention | null;
}

/**
 * The dataset's label table: every value present or named by a source, named by the
 * first source that knows it. A value keeps its colour once it has one.
 */
export function buildLabelTable(s: LabelSources): LabelTable {
  const fromFile = new Map((s.file?.labels ?? []).map((l) => [l.value, l]));
  // A value nobody named ("label N") is open to a better name, and then to its colour.
  const before = new Map(
    (s.previous?.entries ?? [])
      .filter((e) => e.name !== labelName(e.value))
      .map((e) => [e.value, e]),
  );
  const named = Object.keys(s.convention?.names ?? {}).map(Number);
  const values = [
    ...new Set([
      ...s.values.filter((v) => v > 0 && Number.isInteger(v)),
      ...fromFile.keys(),
      ...(s.previous?.entries ?? []).map((e) => e.value),
      ...named,
    ]),
  ].sort((a, b) => a - b);
  const entries = values.map((value): LabelEntry => {
    const f = fromFile.get(value);
    const p = before.get(value);
    const name = f?.name ?? p?.name ?? s.convention?.names[value] ?? labelName(value);
    return { value, name, color: f?.color ?? p?.color ?? structureColor(name, value) };
  });
  const source = s.file
    ? `names from ${s.file.name}`
    : s.previous?.source || (s.convention?.title ?? 'label values');
  return { entries, source };
}

/** A value's name and colour: the table's entry, else "label N" in the value's colour. */
export function labelEntry(table: LabelTable, value: number): LabelEntry {
  return (
    table.entries.find((e) => e.value === value) ?? {
      value,
      name: labelName(value),
      color: labelColor(value),
    }
  );
}

/** The table with `value` renamed (added when new); a blank name restores "label N". */
export function renameLabel(table: LabelTable, value: number, name: string): LabelTable {
  const clean = name.replace(/\s+/g, ' ').trim() || labelName(value);
  const known = table.entries.some((e) => e.value === value);
  const entries = known
    ? table.entries.map((e) => (e.value === value ? { ...e, name: clean } : e))
    : [...table.entries, { value, name: clean, color: labelColor(value) }].sort(
        (a, b) => a.value - b.value,
      );
  const source = table.source.endsWith('(edited)') ? table.source : `${table.source} (edited)`;
  return { entries, source };
}

/** Class colours and names for the values of one label map, from the dataset's table. */
export function tableColormap(
  table: LabelTable,
  values: readonly number[],
): LabelColormap | undefined {
  return labelColormap(values, (v) => labelEntry(table, v));
}
