/**
 * Loads picked files into the dataset: decodes each NIfTI, pairs images with labels,
 * checks every label against its image grid, names the label values, and reports each
 * problem by file. What is already loaded is never dropped: a bad file only adds a
 * problem, a copy of a file in use is refused, and a new copy of a file that failed (or
 * whose case was removed) takes its place.
 */
import { readNifti, checkLabel, labelValues } from '../../io';
import { pairFiles } from './pairing';
import {
  useStudio,
  type LoadedFile,
  type ProblemReport,
  type StudyCase,
  type Split,
} from '../../store';
import type { PickedFile } from './collect-files';
import { caseFiles, sortIncoming } from '../../store/case-files';
import { nameLabels, takeLabelFiles } from './label-intake';
import { assignSplits } from './splits';
import { splitFromFolders } from './folder-split';
import { keepFiles } from './persistence';
import { MEMORY_BUDGET } from './memory-budget';
import { mayReplaceSample } from './replace-sample';
import { takeNnunetMeta } from '../interchange/nnunet-intake';
import { applyNnunetMeta, nnunetSplit, reviewedFromIgnore } from '../interchange/nnunet-import';

export async function loadPickedFiles(picked: PickedFile[]): Promise<void> {
  if (picked.length === 0) return;
  if (!(await mayReplaceSample(picked.length))) return;
  // The built-in sample is a demo, not the user's work: their first data replaces it
  // ("Load sample" brings it back), once it yields a case: a drop of nothing usable
  // reports its problems and leaves the sample. Anything the user loaded stays.
  const fromSample = useStudio.getState().datasetName === 'sample';
  const store = useStudio.getState();
  const loaded = fromSample ? {} : store.files;
  const loadedCases = fromSample ? [] : store.cases;
  // An nnU-Net folder's dataset.json names channels (and labels, read below as a table).
  const nnunet = await takeNnunetMeta(picked);
  const labelFiles = await takeLabelFiles(nnunet.rest);
  const intake = sortIncoming(labelFiles.rest, loaded, loadedCases);
  const problems: ProblemReport[] = [...intake.problems];
  const decoded = await decodeAll(intake.fresh, loaded, problems);
  const pairing = pairFiles(
    intake.fresh
      .filter((p) => !intake.replacing.has(p.path))
      .map((p) => ({ path: p.path, size: p.file.size })),
  );
  problems.push(
    ...pairing.problems.map((p) => ({ ...p, message: withFileName(p.path, p.message) })),
  );
  const existingNames = new Set(loadedCases.map((c) => c.name));
  const cases: StudyCase[] = [];
  const splits = new Map<string, Split>();
  for (const draft of applyNnunetMeta(pairing.cases, nnunet.meta)) {
    const usable = draft.channels.filter((ch) => decoded[ch.path]?.volumes);
    if (usable.length === 0) {
      // Every image of this case failed (already reported): its label goes with it, said.
      if (draft.label) problems.push(unpairedLabel(draft.label, draft.channels[0].path));
      continue;
    }
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
    const given = nnunetSplit(draft, nnunet.meta);
    if (given) splits.set(name, given);
    // An nnU-Net label's "ignore" voxels mark the slices nobody reviewed.
    const label = draft.label ? decoded[draft.label]?.volumes?.[0] : undefined;
    const ignore = nnunet.meta.ignore;
    const reviewed =
      label && ignore !== null ? reviewedFromIgnore(label.data, label.dims, ignore) : null;
    cases.push(
      validateCase(
        { ...draft, name, channels: usable, split: 'train', ...(reviewed ? { reviewed } : {}) },
        decoded,
      ),
    );
  }
  if (cases.length === 0 && fromSample) {
    store.reportProblems(problems);
    store.setLoading(null);
    return;
  }
  if (fromSample) {
    store.setDataset('my data', {}, []);
    store.setTarget(null);
  }
  dropUnused(decoded, cases, intake.replacing);
  const added = assignSplits([...loadedCases, ...cases]).slice(loadedCases.length);
  // An nnU-Net folder's splits_final.json, then folders named train / validate / test, give
  // their cases that split.
  store.addFiles(
    decoded,
    added.map((c) => {
      const given = splits.get(c.name);
      if (given) return { ...c, split: given };
      const split = c.label && !c.problem ? splitFromFolders(caseFiles(c)) : null;
      return split ? { ...c, split } : c;
    }),
  );
  recheckCases(intake.replacing);
  if (!store.datasetName) useStudio.setState({ datasetName: 'my data' });
  store.setLabelTable(
    nameLabels(
      labelFiles.table,
      fromSample ? null : store.labelTable,
      picked.map((p) => p.path),
    ),
  );
  store.reportProblems(problems);
  store.setLoading(null);
  void keepFiles(
    intake.fresh
      .filter((p) => decoded[p.path]?.volumes)
      .map((p) => ({ path: p.path, blob: p.file })),
  );
  if (cases[0]) store.selectCase(cases[0].name);
}

/** Reads every NIfTI among `fresh`; failures and repairs become problems naming the file. */
async function decodeAll(
  fresh: readonly PickedFile[],
  loaded: Record<string, LoadedFile>,
  problems: ProblemReport[],
): Promise<Record<string, LoadedFile>> {
  const decoded: Record<string, LoadedFile> = {};
  // A file being replaced gives its memory back.
  let used = decodedBytes(loaded, new Set(fresh.map((p) => p.path)));
  for (const [i, p] of fresh.entries()) {
    useStudio.getState().setLoading({ done: i, total: fresh.length, current: p.path });
    // Empty and non-NIfTI files are reported once, by the pairing.
    if (!isNifti(p.path) || p.file.size === 0) continue;
    try {
      const bytes = new Uint8Array(await p.file.arrayBuffer());
      const volumes = readNifti(bytes, p.path, {
        maxBytes: MEMORY_BUDGET - used,
        onWarning: (w) =>
          problems.push({ path: p.path, message: withFileName(p.path, w), warning: true }),
      });
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
  return decoded;
}

/** The problem of a label left without a case because its image could not be read. */
function unpairedLabel(label: string, image: string): ProblemReport {
  return {
    path: label,
    message: `${label}: not loaded, because its image ${image} could not be read; drop both again once the image is fixed.`,
  };
}

/**
 * Forgets decoded files that no new case uses and that replace nothing (a label whose
 * image failed): they would hold memory and come back on reload with no case to show them.
 */
function dropUnused(
  decoded: Record<string, LoadedFile>,
  cases: readonly StudyCase[],
  replacing: ReadonlySet<string>,
): void {
  const used = new Set([...cases.flatMap(caseFiles), ...replacing]);
  for (const [path, file] of Object.entries(decoded)) {
    if (file.volumes && !used.has(path)) delete decoded[path];
  }
}

/** Cases that refer to a file just replaced are checked again with the new copy. */
function recheckCases(replaced: ReadonlySet<string>): void {
  if (replaced.size === 0) return;
  const { files, updateCases } = useStudio.getState();
  updateCases((all) =>
    all.map((c) =>
      caseFiles(c).some((p) => replaced.has(p))
        ? validateCase({ ...c, problem: undefined, labelValues: undefined }, files)
        : c,
    ),
  );
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

function decodedBytes(files: Record<string, LoadedFile>, except: ReadonlySet<string>): number {
  let n = 0;
  for (const f of Object.values(files)) {
    if (except.has(f.path)) continue;
    for (const v of f.volumes ?? []) n += v.data.byteLength;
  }
  return n;
}

function uniqueName(name: string, taken: Set<string>): string {
  for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`;
}

function withFileName(path: string, message: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return message.includes(base) ? message : `${path}: ${message}`;
}
