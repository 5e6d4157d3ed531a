/**
 * Wires the dataset to browser storage: restores the last dataset on start-up, and saves
 * the case table whenever it changes. Storage problems are reported, never fatal.
 */
import { readNifti } from '../../io';
import { useStudio, type LoadedFile } from '../../store';
import { clearStoredDataset, loadStoredDataset, storeCases, storeFiles } from './dataset-store';
import { MEMORY_BUDGET } from './load-files';

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
  store.setDataset(stored.name, files, stored.cases);
  return true;
}

/** Keeps the stored copy in step with the dataset table (debounced). */
export function startDatasetAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return useStudio.subscribe((s, prev) => {
    if (s.cases === prev.cases && s.datasetName === prev.datasetName) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useStudio.getState();
      const save =
        now.datasetName === 'sample'
          ? clearStoredDataset()
          : storeCases(now.datasetName, now.cases);
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
