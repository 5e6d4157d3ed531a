/**
 * Reading an nnU-Net v2 raw dataset back: pairing already groups `imagesTr/{case}_0000`,
 * `_0001`, ... with `labelsTr/{case}` into one case per identifier; this module adds what
 * the JSON files say: each channel named as `dataset.json`'s channel_names has it (in the
 * channel index order nnU-Net feeds the network), and the splits of `splits_final.json`'s
 * first fold (cases under imagesTs are test cases), and nnU-Net v2's "ignore" label read
 * as slices nobody reviewed. Label names come from dataset.json through the label-table
 * reader. Pure.
 */
import type { CaseDraft } from '../datasets/pairing';
import type { Split } from '../../store';

/** What an nnU-Net folder's JSON files say. */
export interface NnunetMeta {
  /** Channel name by channel index, from dataset.json. */
  channelNames: Record<number, string> | null;
  /** The first fold of splits_final.json. */
  split: { train: string[]; val: string[] } | null;
  /** dataset.json's "ignore" label value: voxels nobody labelled. */
  ignore: number | null;
}

export const NO_META: NnunetMeta = { channelNames: null, split: null, ignore: null };

const base = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Whether `path` is one of the JSON files this module reads. */
export function isNnunetJson(path: string): boolean {
  return /^(dataset|splits_final)\.json$/i.test(base(path));
}

/** Reads dataset.json and splits_final.json among `files`; anything else is ignored. */
export function readNnunetMeta(files: readonly { path: string; text: string }[]): NnunetMeta {
  const meta: NnunetMeta = { channelNames: null, split: null, ignore: null };
  for (const f of files) {
    let json: unknown;
    try {
      json = JSON.parse(f.text);
    } catch {
      continue;
    }
    const name = base(f.path).toLowerCase();
    if (name === 'dataset.json' && json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      // nnU-Net v2 names them channel_names; the Decathlon's dataset.json, modality.
      const channels = (o['channel_names'] ?? o['modality']) as Record<string, unknown> | undefined;
      if (channels && typeof channels === 'object') {
        const entries = Object.entries(channels).filter(
          (e): e is [string, string] => /^\d+$/.test(e[0]) && typeof e[1] === 'string',
        );
        if (entries.length)
          meta.channelNames = Object.fromEntries(entries.map(([k, v]) => [Number(k), v]));
      }
      const labels = o['labels'] as Record<string, unknown> | undefined;
      const ignore = labels && typeof labels === 'object' ? labels['ignore'] : undefined;
      if (typeof ignore === 'number' && Number.isInteger(ignore) && ignore > 0) {
        meta.ignore = ignore;
      }
    }
    if (name === 'splits_final.json' && Array.isArray(json) && json.length > 0) {
      const fold = json[0] as { train?: unknown; val?: unknown };
      const list = (x: unknown) =>
        Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
      meta.split = { train: list(fold.train), val: list(fold.val) };
    }
  }
  return meta;
}

const CHANNEL_FILE = /_(\d{4})\.nii(\.gz)?$/i;
const TREE_IMAGE = /(^|\/)imagesT[rs]\//i;

/** `_NNNN` channel index of a file under imagesTr / imagesTs, or null. */
function channelIndex(path: string): number | null {
  if (!TREE_IMAGE.test(path)) return null;
  const m = CHANNEL_FILE.exec(path);
  return m ? Number(m[1]) : null;
}

/** Names and orders the channels of nnU-Net-layout cases as dataset.json says. */
export function applyNnunetMeta(drafts: readonly CaseDraft[], meta: NnunetMeta): CaseDraft[] {
  return drafts.map((d) => {
    const indices = d.channels.map((c) => channelIndex(c.path));
    if (indices.some((i) => i === null)) return d;
    const channels = d.channels
      .map((c, k) => ({ c, i: indices[k] as number }))
      .sort((a, b) => a.i - b.i)
      .map(({ c, i }) => ({ ...c, channel: meta.channelNames?.[i] ?? c.channel }));
    return { ...d, channels };
  });
}

/**
 * The split nnU-Net's files give a case: test under imagesTs, else train or val as
 * splits_final.json's first fold lists it; null when they say nothing about it.
 */
export function nnunetSplit(draft: CaseDraft, meta: NnunetMeta): Split | null {
  if (draft.channels.some((c) => /(^|\/)imagesTs\//i.test(c.path))) return 'test';
  if (meta.split?.val.includes(draft.name)) return 'val';
  if (meta.split?.train.includes(draft.name)) return 'train';
  return null;
}

/**
 * A label written with nnU-Net's "ignore" value read as the studio keeps partial labels:
 * the ignored voxels become background (in place) and the slices without any are the
 * reviewed ones. Null when nothing is ignored: the whole label counts.
 */
export function reviewedFromIgnore(
  data: Float32Array,
  dims: readonly number[],
  ignore: number,
): number[] | null {
  const plane = dims[0] * dims[1];
  const reviewed: number[] = [];
  for (let z = 0; z < dims[2]; z++) {
    let ignored = false;
    for (let i = z * plane; i < (z + 1) * plane; i++) {
      if (Math.round(data[i]) === ignore) {
        data[i] = 0;
        ignored = true;
      }
    }
    if (!ignored) reviewed.push(z);
  }
  return reviewed.length === dims[2] ? null : reviewed;
}
