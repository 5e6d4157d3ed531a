/**
 * Pairs dropped files into cases from their paths alone, before anything is decoded, by
 * the conventions public datasets use: PROMISE12 `image_X` / `label_X`, `X_seg` / `seg_X` /
 * `X_mask` names, MSD `imagesTr` / `labelsTr` trees (with nnU-Net `_0000` channel
 * suffixes), and BraTS-style folders that hold one case's sequences. Pure, no DOM: the
 * dataset table re-pairs and corrects the result with the editing helpers at the end.
 */

/** A file as dropped: its path relative to the drop (folders included) and its size. */
export interface DroppedFile {
  path: string;
  size: number;
}

export type PairingRole = 'image' | 'label' | 'extra';

/** One case before decoding: image channels in canonical order, its label, extra files. */
export interface CaseDraft {
  name: string;
  channels: { path: string; channel: string }[];
  label?: string;
  extras: string[];
}

export interface PairingProblem {
  path: string;
  message: string;
}

export interface PairingResult {
  cases: CaseDraft[];
  /** NIfTI files that belong to no case (a label without its image, a second label). */
  unassigned: string[];
  /** Files ignored or renamed while pairing, with the reason. */
  problems: PairingProblem[];
}

/** An edit that cannot apply (unknown case or file, name taken). */
export class PairingEditError extends Error {
  override name = 'PairingEditError';
}

const NIFTI = /\.nii(\.gz)?$/i;
const SEPARATOR = /[_\-.\s]/;
const LABEL_WORDS = new Set(
  (
    'seg segs segmentation label labels lbl mask masks msk gt groundtruth truth ot ' +
    'otmulticlass annotation annot lesion lesions manual'
  ).split(' '),
);
/** Masks that restrict where to look (a brain mask), not targets to learn. */
const EXTRA_WORDS = ['brainmask', 'skullmask', 'bodymask', 'headmask', 'roimask'];
const IMAGE_WORDS = new Set('image images img imgs vol volume scan mri brain'.split(' '));
const MODALITIES: [RegExp, string][] = [
  [/^(flair|t2f|t2flair)$/, 'Flair'],
  [/^(t1|t1w|t1n)$/, 'T1'],
  [/^(t1c|t1ce|t1gd|t1post)$/, 'T1c'],
  [/^(t2|t2w)$/, 'T2'],
  [/^(pd|pdw)$/, 'PD'],
  [/^adc$/, 'ADC'],
  [/^(dwi|hbv|b\d{3,4})$/, 'DWI'],
  [/^dce$/, 'DCE'],
];
/** Channel order within a case, so that every case feeds the network the same way. */
const CHANNEL_ORDER = ['image', 'Flair', 'T1', 'T1c', 'T2', 'PD', 'ADC', 'DWI', 'DCE'];
const IMAGE_FOLDER = /^(images?(t[rs])?|imgs?|volumes?|scans?)$/i;
const LABEL_FOLDER = /^(labels?(t[rs])?|masks?|segs?|segmentations?|ground_?truths?|gt)$/i;
export const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface Parsed {
  path: string;
  role: PairingRole;
  channel: string;
  key: string;
  /** Folder the case lives in: the file's own, or the parent of an imagesTr-like folder. */
  scope: string;
  /** Whether an imagesTr / labelsTr-like folder gave the role: then names alone pair. */
  tree: boolean;
}

interface Group {
  scope: string;
  key: string;
  tree: boolean;
  images: Parsed[];
  labels: Parsed[];
  extras: Parsed[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const lastSegment = (dir: string) => dir.slice(dir.lastIndexOf('/') + 1);
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const stemOf = (path: string) => lastSegment(path).replace(NIFTI, '');

function modalityOf(word: string): string | undefined {
  return MODALITIES.find(([re]) => re.test(word.toLowerCase()))?.[1];
}

/** The channel a file name suggests: a sequence name in it, else the generic "image". */
export function guessChannel(path: string): string {
  const words = stemOf(path).split(/[_\-.\s]+/);
  return words.map(modalityOf).find((m) => m !== undefined) ?? 'image';
}

/** The stem without role, sequence and image words at either end: what pairs files. */
function caseKey(stem: string): string {
  const words = [...stem.matchAll(/[^_\-.\s]+/g)];
  const strip = (w: string) => {
    const l = w.toLowerCase();
    return LABEL_WORDS.has(l) || IMAGE_WORDS.has(l) || EXTRA_WORDS.includes(l) || !!modalityOf(l);
  };
  let a = 0;
  let b = words.length;
  while (a < b && strip(words[a][0])) a++;
  while (b > a && strip(words[b - 1][0])) b--;
  if (a === b) return '';
  return stem.slice(words[a].index, words[b - 1].index + words[b - 1][0].length);
}

/**
 * The image folder a label folder stands beside, when its name is the image folder's with
 * a label word added (`keras_slices_seg_train` beside `keras_slices_train`), else null.
 */
function siblingImageFolder(folder: string): string | null {
  const words = folder.split(SEPARATOR);
  if (words.length < 2 || !words.some((w) => LABEL_WORDS.has(w.toLowerCase()))) return null;
  const kept = folder.split(/([_\-.\s])/).reduce<string[]>((out, part, i, all) => {
    if (i % 2 === 1) return out;
    if (LABEL_WORDS.has(part.toLowerCase())) return out;
    return out.length ? [...out, all[i - 1], part] : [part];
  }, []);
  return kept.join('');
}

function parse(path: string): Parsed {
  let dir = parentOf(path);
  const folder = lastSegment(dir);
  if (!LABEL_FOLDER.test(folder)) {
    // A label folder named after its image folder pairs with it as if they were one.
    const sibling = siblingImageFolder(folder);
    if (sibling) dir = `${parentOf(dir)}${parentOf(dir) ? '/' : ''}${sibling}`;
  }
  const folderRole = IMAGE_FOLDER.test(folder)
    ? 'image'
    : LABEL_FOLDER.test(folder)
      ? 'label'
      : null;
  let stem = stemOf(path);
  let channel = guessChannel(path);
  const msd = folderRole === 'image' ? /^(.+)_(\d{4})$/.exec(stem) : null;
  if (msd) {
    stem = msd[1];
    if (channel === 'image') channel = `ch${Number(msd[2])}`;
  }
  const flat = stem.toLowerCase().replace(/[_\-.\s]/g, '');
  const words = stem.toLowerCase().split(/[_\-.\s]+/);
  const role: PairingRole = EXTRA_WORDS.some((w) => flat.includes(w))
    ? 'extra'
    : words.some((w) => LABEL_WORDS.has(w))
      ? 'label'
      : (folderRole ?? 'image');
  const tree = folderRole !== null;
  return { path, role, channel, key: caseKey(stem), scope: tree ? parentOf(dir) : dir, tree };
}

/** Drops what cannot be a volume, with the reason, and normalizes path separators. */
function screen(files: readonly DroppedFile[], problems: PairingProblem[]): string[] {
  const seen = new Set<string>();
  const keep: string[] = [];
  for (const f of files) {
    const path = f.path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
    const name = lastSegment(path);
    let message = '';
    if (seen.has(path)) message = 'listed twice, ignored';
    else if (path.includes('__MACOSX/') || name.startsWith('._'))
      message = 'macOS metadata file, ignored';
    else if (!NIFTI.test(name)) message = 'not a .nii / .nii.gz file, ignored';
    else if (f.size === 0) message = 'the file is empty (0 bytes); nothing to load';
    seen.add(path);
    if (message) problems.push({ path, message });
    else keep.push(path);
  }
  return keep;
}

function groupFiles(parsed: Parsed[]): Group[] {
  const groups = new Map<string, Group>();
  for (const p of parsed) {
    const id = `${p.tree}\0${p.scope}\0${p.key.toLowerCase()}`;
    const g = groups.get(id) ?? {
      scope: p.scope,
      key: p.key,
      tree: p.tree,
      images: [],
      labels: [],
      extras: [],
    };
    groups.set(id, g);
    // Keys match regardless of letter case; the case is named as its first image spells it.
    if (p.role === 'image' && g.images.length === 0) g.key = p.key;
    g[p.role === 'image' ? 'images' : p.role === 'label' ? 'labels' : 'extras'].push(p);
  }
  return [...groups.values()];
}

const startsWithWord = (long: string, short: string) =>
  short !== '' &&
  long.length > short.length &&
  long.startsWith(short) &&
  SEPARATOR.test(long[short.length]);

/** `long` is a word, a separator and then `short` (`case_004_slice_0` and `004_slice_0`). */
const endsWithWord = (long: string, short: string) =>
  /\d/.test(short) &&
  long.length > short.length &&
  long.endsWith(short) &&
  SEPARATOR.test(long[long.length - short.length - 1]) &&
  !SEPARATOR.test(long.slice(0, long.length - short.length - 1));

/**
 * A label whose key is a word-prefix of exactly one unlabelled image's key, or the other
 * way round (`X_07-07-2011_lesion` with `X_07-07-2011_t2_tse`), joins that image; so does
 * one whose key is the image's less a leading word (`seg_004_slice_0` with
 * `case_004_slice_0`, as slice datasets name them).
 */
function pairByPrefix(groups: Group[]): Group[] {
  const orphans = groups.filter((g) => g.images.length === 0);
  for (const o of orphans) {
    const k = o.key.toLowerCase();
    const hosts = groups.filter((g) => {
      const gk = g.key.toLowerCase();
      const free = o.labels.length === 0 || g.labels.length === 0;
      return (
        g.scope === o.scope &&
        g.tree === o.tree &&
        g.images.length > 0 &&
        free &&
        (startsWithWord(gk, k) || startsWithWord(k, gk) || endsWithWord(gk, k))
      );
    });
    if (hosts.length !== 1) continue;
    hosts[0].labels.push(...o.labels);
    hosts[0].extras.push(...o.extras);
    o.labels = [];
    o.extras = [];
  }
  return groups.filter((g) => g.images.length + g.labels.length + g.extras.length > 0);
}

/**
 * A folder whose images share one key, with at most one label and no ID-like names
 * besides (`Flair_x`, `T1c_x`, `OTMultiClass`, `brainmask`) is one case: the folder's.
 */
function mergeCaseFolders(groups: Group[]): Group[] {
  const byScope = groupBy(groups, (g) => g.scope);
  const out: Group[] = [];
  for (const [scope, gs] of byScope) {
    const withImages = gs.filter((g) => g.images.length > 0);
    const merge =
      gs.length > 1 &&
      gs.every((g) => !g.tree) &&
      withImages.length === 1 &&
      gs.every((g) => g.images.length === 0 || g.labels.length === 0) &&
      gs.reduce((n, g) => n + g.labels.length, 0) <= 1 &&
      gs.every((g) => g.images.length > 0 || !/\d/.test(g.key));
    if (!merge) out.push(...gs);
    else
      out.push({
        scope,
        tree: false,
        key: lastSegment(scope) || withImages[0].key,
        images: withImages[0].images,
        labels: gs.flatMap((g) => g.labels),
        extras: gs.flatMap((g) => g.extras),
      });
  }
  return out;
}

function channelRank(channel: string): number {
  const i = CHANNEL_ORDER.indexOf(channel.replace(/ \(\d+\)$/, ''));
  return i >= 0 ? i : CHANNEL_ORDER.length;
}

/** Canonical channel order: known sequences first, then numbered and other channels. */
export function sortChannels<T extends { channel: string }>(channels: readonly T[]): T[] {
  return [...channels].sort(
    (a, b) =>
      channelRank(a.channel) - channelRank(b.channel) || collator.compare(a.channel, b.channel),
  );
}

/** `channel`, or `channel (2)`, `(3)`... when the case already has one by that name. */
export function freeChannel(taken: readonly { channel: string }[], channel: string): string {
  let name = channel;
  for (let n = 2; taken.some((c) => c.channel === name); n++) name = `${channel} (${n})`;
  return name;
}

function buildCase(g: Group, unassigned: string[], problems: PairingProblem[]): CaseDraft {
  const name = g.key || lastSegment(g.scope) || stemOf(g.images[0].path);
  const channels: CaseDraft['channels'] = [];
  for (const img of [...g.images].sort((a, b) => collator.compare(a.path, b.path))) {
    const channel = freeChannel(channels, img.channel);
    if (channel !== img.channel) {
      problems.push({
        path: img.path,
        message: `another image of case "${name}" is also ${img.channel}; named ${channel}`,
      });
    }
    channels.push({ path: img.path, channel });
  }
  const [label, ...more] = g.labels.map((l) => l.path).sort(collator.compare);
  for (const path of more) {
    unassigned.push(path);
    problems.push({ path, message: `case "${name}" already has label ${label}; left unassigned` });
  }
  return { name, channels: sortChannels(channels), label, extras: g.extras.map((e) => e.path) };
}

/** Same name from two folders: prefix the shortest folder tail that tells them apart. */
function disambiguate(
  cases: { draft: CaseDraft; scope: string }[],
  problems: PairingProblem[],
): void {
  const taken = new Set(cases.map((c) => c.draft.name.toLowerCase()));
  for (const same of groupBy(cases, (c) => c.draft.name.toLowerCase()).values()) {
    if (same.length < 2) continue;
    const shared = same[0].draft.name.toLowerCase();
    const folders = same.map((c) => c.scope.split('/').filter(Boolean));
    const deepest = Math.max(...folders.map((f) => f.length));
    let names: string[] = [];
    for (let tail = 1; tail <= deepest + 1; tail++) {
      // Past the deepest folder only a counter is left to tell them apart.
      const counter = (i: number) => (tail > deepest ? `_${i + 1}` : '');
      names = same.map((c, i) => [...folders[i].slice(-tail), c.draft.name].join('_') + counter(i));
      const lower = names.map((n) => n.toLowerCase());
      const fresh = lower.every((n) => n === shared || !taken.has(n));
      if (fresh && new Set(lower).size === same.length) break;
    }
    same.forEach((c, i) => {
      taken.add(names[i].toLowerCase());
      if (names[i] === c.draft.name) return;
      problems.push({
        path: c.draft.channels[0].path,
        message: `case name "${c.draft.name}" is used in another folder too; renamed to "${names[i]}"`,
      });
      c.draft.name = names[i];
    });
  }
}

export const byName = (a: CaseDraft, b: CaseDraft) => collator.compare(a.name, b.name);

/** Pairs a drop into cases. Never throws: whatever it cannot place is reported. */
export function pairFiles(files: readonly DroppedFile[]): PairingResult {
  const problems: PairingProblem[] = [];
  const groups = mergeCaseFolders(pairByPrefix(groupFiles(screen(files, problems).map(parse))));
  const unassigned: string[] = [];
  const built: { draft: CaseDraft; scope: string }[] = [];
  for (const g of groups) {
    if (g.images.length > 0) {
      built.push({ draft: buildCase(g, unassigned, problems), scope: g.scope });
      continue;
    }
    for (const f of [...g.labels, ...g.extras]) {
      unassigned.push(f.path);
      problems.push({
        path: f.path,
        message: `no image found for this ${f.role === 'label' ? 'label' : 'file'}`,
      });
    }
  }
  disambiguate(built, problems);
  return {
    cases: built.map((b) => b.draft).sort(byName),
    unassigned: unassigned.sort(collator.compare),
    problems,
  };
}
