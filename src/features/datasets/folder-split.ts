/**
 * The split a dataset's own folders give its cases. Datasets handed out as 2-D slices come
 * pre-split into folders (the HipMRI study's `keras_slices_train`, `keras_slices_validate`,
 * `keras_slices_test`, with the masks in `keras_slices_seg_train` ...), as do nnU-Net and
 * MSD trees (`imagesTs` holds test cases): a case inside such a folder takes that split.
 * The user can still change it in the table.
 */
import type { Split } from '../../store';

const WORDS: [RegExp, Split][] = [
  [/^(train|training|tr)$/, 'train'],
  [/^(val|valid|validate|validation|dev)$/, 'val'],
  [/^(test|testing|ts)$/, 'test'],
];

/** The split one folder name names: a word of it (split at _ - . or space), or `imagesTs`. */
function splitOfFolder(folder: string): Split | null {
  const lower = folder.toLowerCase();
  const tree = /^(images|labels)(tr|ts)$/.exec(lower);
  const words = tree ? [tree[2]] : lower.split(/[_\-.\s]+/);
  const found = new Set<Split>();
  for (const w of words) for (const [re, split] of WORDS) if (re.test(w)) found.add(split);
  return found.size === 1 ? [...found][0] : null;
}

/**
 * The split the folders of a case's files agree on (the nearest folder that names one, for
 * each file), or null when they name none or disagree.
 */
export function splitFromFolders(paths: readonly string[]): Split | null {
  const splits = new Set<Split>();
  for (const path of paths) {
    const folders = path.replace(/\\/g, '/').split('/').slice(0, -1).reverse();
    for (const f of folders) {
      const s = splitOfFolder(f);
      if (s) {
        splits.add(s);
        break;
      }
    }
  }
  return splits.size === 1 ? [...splits][0] : null;
}
