/**
 * The dataset in nnU-Net v2's raw layout, so it can be trained elsewhere (a GPU server)
 * and come back: `imagesTr/{case}_{0000,0001,...}.nii.gz` (one file per channel, in the
 * case's channel order), `labelsTr/{case}.nii.gz`, test cases under `imagesTs` (with
 * `labelsTs` when labelled), `dataset.json` (channel_names, labels, numTraining,
 * file_ending) and the studio's train / validation split as `splits_final.json` (one fold).
 * Volumes are written on the studio's canonical grid with their affine, so they overlay
 * the originals in any viewer; voxel values are kept exactly (a non-integer scan is
 * written as float32). A partly reviewed label (a model's draft corrected on some slices)
 * has its unreviewed slices written with nnU-Net v2's "ignore" label, which nnU-Net leaves
 * out of training, as the studio does. Pure: cases in, files out.
 */
import { writeNifti, type Volume, type VoxelType } from '../../io';
import type { LabelTable, Split } from '../../store';
import { reviewedCount } from '../annotate/reviewed';

/** A case as exported: its channels' volumes in order, its label and split. */
export interface ExportCase {
  name: string;
  split: Split;
  channels: { channel: string; volume: Volume }[];
  label: Volume | null;
  /** Axial slices of the label a person has checked; null or absent: all of them. */
  reviewed?: readonly number[] | null;
}

export interface ExportFile {
  path: string;
  bytes: Uint8Array;
}

export interface NnunetExport {
  /** The top folder, e.g. "Dataset500_prostate". */
  folder: string;
  files: ExportFile[];
  /** What was changed on the way (renamed cases, renumbered labels, skipped cases). */
  notes: string[];
}

const INTEGER_RANGES: Partial<Record<VoxelType, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
};

/** The stored type that keeps every value exactly: the source's, else float32. */
export function exactType(v: Volume): VoxelType {
  const range = INTEGER_RANGES[v.sourceType];
  if (!range) return v.sourceType === 'float64' ? 'float64' : 'float32';
  for (let i = 0; i < v.data.length; i++) {
    const x = v.data[i];
    if (!Number.isInteger(x) || x < range[0] || x > range[1]) return 'float32';
  }
  return v.sourceType;
}

/** A case identifier nnU-Net reads back as written: letters, digits, '-', '_'. */
function identifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'case';
}

const pad4 = (i: number) => String(i).padStart(4, '0');

/** Label values in use, sorted (background 0 first). */
function labelValuesOf(cases: readonly ExportCase[]): number[] {
  const seen = new Set<number>([0]);
  for (const c of cases) if (c.label) for (const v of c.label.data) seen.add(Math.round(v));
  return [...seen].sort((a, b) => a - b);
}

/** Everything about an export but the volumes: ids, label renumbering and the JSON files. */
export interface NnunetLayout {
  folder: string;
  /** The identifier each case is written under, in case order. */
  ids: string[];
  /** Old label value to the consecutive one written. */
  renumber: Map<number, number>;
  labelType: VoxelType;
  /** The value written on unreviewed slices (dataset.json's "ignore"), or null if none. */
  ignore: number | null;
  /** dataset.json and splits_final.json. */
  json: ExportFile[];
  notes: string[];
}

const inTraining = (c: ExportCase) => c.label !== null && c.split !== 'test';
const partlyReviewed = (c: ExportCase) => c.label !== null && c.reviewed != null;

/**
 * The layout of `cases` under `Dataset{id}_{name}`: labelled train and validation cases
 * are the training set; test cases (labelled or not) go under imagesTs. Throws when the
 * cases do not share one channel list (nnU-Net needs the same channels in every case).
 */
export function nnunetLayout(
  cases: readonly ExportCase[],
  labelTable: LabelTable,
  datasetName: string,
  datasetId = 500,
): NnunetLayout {
  const notes: string[] = [];
  const channelList = cases[0]?.channels.map((c) => c.channel) ?? [];
  for (const c of cases) {
    if (c.channels.map((x) => x.channel).join('\n') !== channelList.join('\n')) {
      throw new Error(
        `nnU-Net needs the same channels in every case: ${c.name} has ` +
          `${c.channels.map((x) => x.channel).join(', ')}, ${cases[0].name} has ${channelList.join(', ')}`,
      );
    }
  }
  const folder = `Dataset${String(datasetId).padStart(3, '0')}_${identifier(datasetName)}`;
  // nnU-Net needs consecutive label values 0, 1, 2, ...
  const values = labelValuesOf(cases);
  const renumber = new Map(values.map((v, i) => [v, i]));
  if (values.some((v, i) => v !== i)) {
    notes.push(
      `label values ${values.join(', ')} are written as ${values.map((_, i) => i).join(', ')} ` +
        '(nnU-Net needs consecutive values); dataset.json keeps their names',
    );
  }
  const taken = new Set<string>();
  const ids = cases.map((c) => {
    let id = identifier(c.name);
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${identifier(c.name)}_${n}`;
    taken.add(id.toLowerCase());
    if (id !== c.name) notes.push(`case "${c.name}" is written as "${id}"`);
    return id;
  });
  const training = ids.filter((_, i) => inTraining(cases[i]));
  const split = {
    train: training.filter((id) => cases[ids.indexOf(id)].split !== 'val'),
    val: training.filter((id) => cases[ids.indexOf(id)].split === 'val'),
  };
  const named = new Map(labelTable.entries.map((e) => [e.value, e.name]));
  const labels: Record<string, number> = { background: 0 };
  for (const [i, v] of values.entries()) {
    if (v === 0) continue;
    let name = named.get(v) ?? `label ${v}`;
    if (name in labels) name = `${name} (${v})`;
    labels[name] = i;
  }
  // nnU-Net v2 wants "ignore" to be the highest label value.
  const partial = cases.filter(partlyReviewed);
  const ignore = partial.length > 0 ? values.length : null;
  if (ignore !== null) {
    if ('ignore' in labels) {
      labels[`ignore (${values[labels['ignore']]})`] = labels['ignore'];
    }
    labels['ignore'] = ignore;
    const which = partial.map((c) => {
      const depth = c.label?.dims[2] ?? 0;
      return `${c.name} (${reviewedCount(c.reviewed ?? null, depth)} of ${depth} slices)`;
    });
    notes.push(
      `partly reviewed labels: ${which.join(', ')}; their other slices are written with the ` +
        `label "ignore" (value ${ignore}), which nnU-Net v2 leaves out of training`,
    );
  }
  const datasetJson = {
    name: datasetName,
    description: 'Exported by SegStudio',
    channel_names: Object.fromEntries(channelList.map((c, i) => [String(i), c])),
    labels,
    numTraining: training.length,
    file_ending: '.nii.gz',
  };
  const text = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return {
    folder,
    ids,
    renumber,
    labelType: values.length + (ignore === null ? 0 : 1) > 256 ? 'uint16' : 'uint8',
    ignore,
    json: [
      { path: `${folder}/dataset.json`, bytes: text(datasetJson) },
      { path: `${folder}/splits_final.json`, bytes: text([split]) },
    ],
    notes,
  };
}

/** The files of case `c`, written as `id`: one image per channel, and its label. */
export function caseFiles(c: ExportCase, id: string, layout: NnunetLayout): ExportFile[] {
  const tail = inTraining(c) ? 'Tr' : 'Ts';
  const files = c.channels.map((ch, i) => ({
    path: `${layout.folder}/images${tail}/${id}_${pad4(i)}.nii.gz`,
    bytes: writeNifti(ch.volume, { gzip: true, type: exactType(ch.volume) }),
  }));
  if (c.label) {
    const data = Float32Array.from(c.label.data, (v) => layout.renumber.get(Math.round(v)) ?? 0);
    if (c.reviewed != null && layout.ignore !== null) {
      markUnreviewed(data, c.label.dims, c.reviewed, layout.ignore);
    }
    const type = layout.labelType;
    const label = { ...c.label, data, sourceType: type };
    files.push({
      path: `${layout.folder}/labels${tail}/${id}.nii.gz`,
      bytes: writeNifti(label, { gzip: true, type }),
    });
  }
  return files;
}

/** Writes `ignore` over every axial slice not in `reviewed`. */
function markUnreviewed(
  data: Float32Array,
  dims: readonly number[],
  reviewed: readonly number[],
  ignore: number,
): void {
  const plane = dims[0] * dims[1];
  const kept = new Set(reviewed);
  for (let z = 0; z < dims[2]; z++) {
    if (!kept.has(z)) data.fill(ignore, z * plane, (z + 1) * plane);
  }
}

/** The whole export at once (see {@link nnunetLayout}). */
export function nnunetExport(
  cases: readonly ExportCase[],
  labelTable: LabelTable,
  datasetName: string,
  datasetId = 500,
): NnunetExport {
  const layout = nnunetLayout(cases, labelTable, datasetName, datasetId);
  const files = cases.flatMap((c, i) => caseFiles(c, layout.ids[i], layout));
  return { folder: layout.folder, files: [...files, ...layout.json], notes: layout.notes };
}
