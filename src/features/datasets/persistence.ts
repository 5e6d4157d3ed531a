/**
 * Wires the dataset to browser storage: restores the last dataset on start-up, saves the
 * case table and label names whenever they change, and forgets the files of removed
 * cases. Storage problems are reported, never fatal.
 */
import { readNifti } from '../../io';
import { useStudio, type LoadedFile, type StudioState } from '../../store';
import {
  clearStoredDataset,
  deleteFiles,
  loadStoredDataset,
  storeCases,
  storeFiles,
} from './dataset-store';
import { caseFiles } from '../../store/case-files';
import { buildLabelTable, detectConvention } from './label-names';
import { MEMORY_BUDGET } from './memory-budget';
import { withStoredEdits } from '../annotate/edit-persistence';

/** Puts the last visit's dataset back; false when there was none. */
export async function restoreDataset(): Promise<boolean> {
  let stored;
  try {
    stored = await loadStoredDataset();
  } catch {
    return false;
  }
  if (!stored) return false;
  const files: Record<string, LoadedFile> = {};
  const store = useStudio.getState();
  for (const [i, f] of stored.files.entries()) {
    store.setLoading({ done: i, total: stored.files.length, current: f.path });
    try {
      const volumes = readNifti(new Uint8Array(await f.blob.arrayBuffer()), f.path, {
        maxBytes: MEMORY_BUDGET,
      });
      files[f.path] = { path: f.path, size: f.blob.size, volumes };
    } catch (err) {
      files[f.path] = { path: f.path, size: f.blob.size, error: String(err) };
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  store.setLoading(null);
  // Datasets stored before label names were kept get them as a new load would.
  const labelTable =
    stored.labelTable ??
    buildLabelTable({
      values: stored.cases.flatMap((c) => c.labelValues ?? []),
      convention: detectConvention(stored.cases.flatMap(caseFiles)),
    });
  // Edited labels are part of the dataset: they come back in place of the files they edit.
  const edited = await withStoredEdits(stored.name, stored.cases, files);
  // Read before setDataset, whose first case the autosave would store over it.
  const selected = readSelection();
  store.setDataset(stored.name, edited.files, edited.cases, labelTable);
  if (selected && edited.cases.some((c) => c.name === selected)) store.selectCase(selected);
  return true;
}

/** The case on screen is kept apart from the dataset: it changes often and weighs nothing. */
const SELECTION_KEY = 'segstudio.selectedCase';

function readSelection(): string | null {
  try {
    return localStorage.getItem(SELECTION_KEY);
  } catch {
    return null;
  }
}

function keepSelection(name: string | null): void {
  try {
    if (name === null) localStorage.removeItem(SELECTION_KEY);
    else localStorage.setItem(SELECTION_KEY, name);
  } catch {
    // Storage refused (private mode, quota): the first case shows after a reload.
  }
}

/** Files that left the user's dataset in this change (a case removed, not a new dataset). */
function filesLetGo(s: StudioState, prev: StudioState): string[] {
  if (s.files === prev.files || s.datasetName !== prev.datasetName) return [];
  if (s.datasetName === 'sample') return [];
  return Object.keys(prev.files).filter((p) => !(p in s.files));
}

/** Keeps the stored copy in step with the dataset table (debounced). */
export function startDatasetAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return useStudio.subscribe((s, prev) => {
    if (s.selectedCase !== prev.selectedCase && s.datasetName !== 'sample') {
      keepSelection(s.selectedCase);
    }
    const gone = filesLetGo(s, prev);
    // At once, not debounced: a drop of the same files right after must be stored after.
    if (gone.length > 0) void deleteFiles(gone).catch(() => undefined);
    if (
      s.cases === prev.cases &&
      s.datasetName === prev.datasetName &&
      s.labelTable === prev.labelTable
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useStudio.getState();
      const save =
        now.datasetName === 'sample'
          ? clearStoredDataset()
          : storeCases(now.datasetName, now.cases, now.labelTable);
      save.catch(() => undefined);
    }, 300);
  });
}

/** Keeps the dropped files themselves, so a reload can decode them again. */
export async function keepFiles(files: { path: string; blob: Blob }[]): Promise<void> {
  try {
    await storeFiles(files);
  } catch (err) {
    useStudio.getState().reportProblems([
      {
        path: 'storage',
        message: `The files could not be kept in browser storage for the next visit (${String(err)}).`,
      },
    ]);
  }
}
