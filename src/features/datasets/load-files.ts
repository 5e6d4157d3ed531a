/**
 * Loads picked files into the dataset: decodes each NIfTI, pairs images with labels,
 * checks every label against its image grid, and reports each problem by file. What is
 * already loaded is never dropped: a bad file only adds a problem.
 */
import { readNifti, checkLabel, labelValues } from '../../io';
import { pairFiles } from './pairing';
import { useStudio, type LoadedFile, type StudyCase, type Split } from '../../store';
import type { PickedFile } from './collect-files';
import { assignSplits } from './splits';
import { keepFiles } from './persistence';

/** Decoded data must fit in this budget (bytes), checked from headers before decoding. */
export const MEMORY_BUDGET = 1.5 * 1024 ** 3;

export async function loadPickedFiles(picked: PickedFile[]): Promise<void> {
  if (picked.length === 0) return;
  // The built-in sample is a demo, not the user's work: their first data replaces it
  // ("Load sample" brings it back). Anything the user loaded stays.
  if (useStudio.getState().datasetName === 'sample') {
    useStudio.getState().setDataset('my data', {}, []);
    useStudio.getState().setTarget(null);
  }
  const store = useStudio.getState();
  const problems: { path: string; message: string }[] = [];
  const fresh = dedupe(picked, store.files, problems);
  const decoded: Record<string, LoadedFile> = {};
  let used = decodedBytes(store.files);
  for (const [i, p] of fresh.entries()) {
    store.setLoading({ done: i, total: fresh.length, current: p.path });
    if (!isNifti(p.path)) continue;
    try {
      const bytes = new Uint8Array(await p.file.arrayBuffer());
      const volumes = readNifti(bytes, p.path, { maxBytes: MEMORY_BUDGET - used });
      used += volumes.reduce((n, v) => n + v.data.byteLength, 0);
      decoded[p.path] = { path: p.path, size: p.file.size, volumes };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      decoded[p.path] = { path: p.path, size: p.file.size, error: message };
      problems.push({ path: p.path, message: withFileName(p.path, message) });
    }
    // Let the progress bar paint between files.
    await new Promise((r) => setTimeout(r, 0));
  }
  const pairing = pairFiles(fresh.map((p) => ({ path: p.path, size: p.file.size })));
  problems.push(
    ...pairing.problems.map((p) => ({ ...p, message: withFileName(p.path, p.message) })),
  );
  const existingNames = new Set(store.cases.map((c) => c.name));
  const cases: StudyCase[] = [];
  for (const draft of pairing.cases) {
    const usable = draft.channels.filter((ch) => decoded[ch.path]?.volumes);
    if (usable.length === 0) continue; // every image of this case failed: already reported
    let name = draft.name;
    if (existingNames.has(name)) {
      const renamed = uniqueName(name, existingNames);
      problems.push({
        path: draft.channels[0].path,
        message: `${draft.channels[0].path}: a case named "${name}" is already loaded; this one is added as "${renamed}".`,
      });
      name = renamed;
    }
    existingNames.add(name);
    cases.push(validateCase({ ...draft, name, channels: usable, split: 'train' }, decoded));
  }
  store.addFiles(decoded, assignSplits([...store.cases, ...cases]).slice(store.cases.length));
  if (!store.datasetName) useStudio.setState({ datasetName: 'my data' });
  store.reportProblems(problems);
  store.setLoading(null);
  void keepFiles(
    fresh.filter((p) => decoded[p.path]?.volumes).map((p) => ({ path: p.path, blob: p.file })),
  );
  if (cases[0]) store.selectCase(cases[0].name);
}

/** Label grid, label values and channel grids: anything wrong keeps the case out of training. */
export function validateCase(
  c: StudyCase & { split: Split },
  files: Record<string, LoadedFile>,
): StudyCase {
  const image = files[c.channels[0].path]?.volumes?.[0];
  if (!image) return c;
  if (!c.label) return c;
  const label = files[c.label]?.volumes?.[0];
  if (!label) return { ...c, problem: `label ${c.label} could not be read` };
  try {
    checkLabel(label, image, c.label);
    return { ...c, labelValues: labelValues(label) };
  } catch (err) {
    return { ...c, problem: err instanceof Error ? err.message : String(err) };
  }
}

function isNifti(path: string): boolean {
  return /\.nii(\.gz)?$/i.test(path);
}

function dedupe(
  picked: PickedFile[],
  loaded: Record<string, LoadedFile>,
  problems: { path: string; message: string }[],
) {
  const seen = new Set<string>();
  return picked.filter((p) => {
    if (loaded[p.path] || seen.has(p.path)) {
      problems.push({
        path: p.path,
        message: `${p.path}: already loaded; the copy loaded first is kept.`,
      });
      return false;
    }
    seen.add(p.path);
    return true;
  });
}

function decodedBytes(files: Record<string, LoadedFile>): number {
  let n = 0;
  for (const f of Object.values(files)) for (const v of f.volumes ?? []) n += v.data.byteLength;
  return n;
}

function uniqueName(name: string, taken: Set<string>): string {
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}

function withFileName(path: string, message: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return message.includes(base) ? message : `${path}: ${message}`;
}
