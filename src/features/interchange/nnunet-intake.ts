/**
 * Takes an nnU-Net folder's `dataset.json` and `splits_final.json` out of a drop and reads
 * them. splits_final.json leaves the drop (it is no volume and no label table);
 * dataset.json stays, since the label-table reader names the labels from it.
 */
import type { PickedFile } from '../datasets/collect-files';
import { isNnunetJson, NO_META, readNnunetMeta, type NnunetMeta } from './nnunet-import';

/** Larger JSON files are not nnU-Net's (theirs are a few kilobytes). */
const MAX_BYTES = 4 * 1024 ** 2;

export async function takeNnunetMeta(
  picked: readonly PickedFile[],
): Promise<{ meta: NnunetMeta; rest: PickedFile[] }> {
  const json = picked.filter((p) => isNnunetJson(p.path) && p.file.size <= MAX_BYTES);
  if (json.length === 0) return { meta: NO_META, rest: [...picked] };
  const texts = await Promise.all(
    json.map(async (p) => ({ path: p.path, text: await p.file.text() })),
  );
  return {
    meta: readNnunetMeta(texts),
    rest: picked.filter((p) => !/(^|\/)splits_final\.json$/i.test(p.path)),
  };
}
