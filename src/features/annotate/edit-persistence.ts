/**
 * Edited labels in browser storage: each edit is written as soon as it is made (one write
 * per case at a time, always of its latest state), the save state is shown, edits come
 * back with their dataset on the next visit (the sample's too), and the edits of a case
 * that leaves the dataset are forgotten.
 */
import { readNifti, writeNifti } from '../../io';
import type { LoadedFile, StudyCase } from '../../store';
import { useStudio } from '../../store';
import { deleteLabelEdits, loadLabelEdits, storeLabelEdit } from '../datasets/dataset-store';
import { applyEdits, isEditedPath, type DecodedEdit } from './edit-records';
import { dropHistories } from './label-edits';

const pending = new Set<string>();
let writing = false;

/** Saves case `name`'s edit (its label if edited, and its reviewed slices) now. */
export function saveEdit(name: string): void {
  pending.add(name);
  useStudio.getState().setSaveState({ kind: 'saving' });
  void flush();
}

async function flush(): Promise<void> {
  if (writing) return;
  writing = true;
  try {
    while (pending.size > 0) {
      const [name] = pending;
      pending.delete(name);
      await write(name);
    }
    useStudio.getState().setSaveState({ kind: 'saved' });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    useStudio.getState().setSaveState({ kind: 'failed', error });
  } finally {
    writing = false;
    if (pending.size > 0) void flush();
  }
}

async function write(name: string): Promise<void> {
  const s = useStudio.getState();
  const c = s.cases.find((x) => x.name === name);
  if (!c) return;
  const volume = isEditedPath(c.label) ? s.files[c.label ?? '']?.volumes?.[0] : undefined;
  const bytes = volume
    ? writeNifti(volume, { type: 'uint8', description: 'SegStudio edited label' })
    : undefined;
  await storeLabelEdit({
    dataset: s.datasetName,
    case: name,
    label: bytes ? new Blob([bytes as Uint8Array<ArrayBuffer>]) : undefined,
    editedFrom: c.editedFrom ?? null,
    reviewed: c.reviewed ?? null,
  });
}

/** The stored edits of `dataset`, decoded; none when storage is unavailable. */
async function decodedEdits(dataset: string): Promise<DecodedEdit[]> {
  let stored;
  try {
    stored = await loadLabelEdits(dataset);
  } catch {
    return [];
  }
  const out: DecodedEdit[] = [];
  for (const e of stored) {
    let label;
    if (e.label) {
      try {
        label = readNifti(new Uint8Array(await e.label.arrayBuffer()), `${e.case}_label.nii`)[0];
      } catch {
        label = undefined; // An unreadable edit falls back to the label it started from.
      }
    }
    out.push({ case: e.case, label, editedFrom: e.editedFrom, reviewed: e.reviewed });
  }
  return out;
}

/** A restored dataset with its stored edits applied. */
export async function withStoredEdits(
  dataset: string,
  cases: StudyCase[],
  files: Record<string, LoadedFile>,
): Promise<{ cases: StudyCase[]; files: Record<string, LoadedFile> }> {
  return applyEdits(cases, files, await decodedEdits(dataset));
}

/** Puts the stored edits of the dataset on screen (the sample, built in the page). */
export async function restoreEditsOfCurrentDataset(): Promise<void> {
  const name = useStudio.getState().datasetName;
  const edits = await decodedEdits(name);
  const s = useStudio.getState();
  if (edits.length === 0 || s.datasetName !== name) return;
  const next = applyEdits(s.cases, s.files, edits);
  useStudio.setState({ cases: next.cases, files: next.files });
}

/** Forgets the edits of removed cases; returns the unsubscribe function. */
export function startEditCleanup(): () => void {
  return useStudio.subscribe((s, prev) => {
    if (s.cases === prev.cases || s.datasetName !== prev.datasetName) return;
    const names = new Set(s.cases.map((c) => c.name));
    const gone = prev.cases.map((c) => c.name).filter((n) => !names.has(n));
    if (gone.length === 0) return;
    dropHistories(gone);
    deleteLabelEdits(s.datasetName, gone).catch(() => undefined);
  });
}
