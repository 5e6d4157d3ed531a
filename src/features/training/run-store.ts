/**
 * Keeps the runs across reloads: each run's configuration, curves, status and checkpoint
 * position in IndexedDB, in this browser only (the engine keeps the weights and
 * checkpoints themselves in its own storage). Earlier versions kept a run's weights here
 * too; such entries are handed to the engine once and then stored without them.
 */
import type { TrainingRun } from '../../store';
import type { ModelArtifactsData } from '../../ml/types';

const DB_NAME = 'segstudio';
const STORE = 'runs';

export interface StoredRun {
  run: TrainingRun;
  /** Weights stored with the run by earlier versions. */
  artifacts?: ModelArtifactsData;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'run.id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () =>
        reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
    });
  } finally {
    db.close();
  }
}

export function saveStoredRun(run: TrainingRun): Promise<unknown> {
  // Live progress is transient; everything else is kept.
  return withStore('readwrite', (s) => s.put({ run: { ...run, progress: null } }));
}

export function deleteStoredRun(id: string): Promise<unknown> {
  return withStore('readwrite', (s) => s.delete(id));
}

export async function loadStoredRuns(): Promise<StoredRun[]> {
  const all = await withStore('readonly', (s) => s.getAll() as IDBRequest<StoredRun[]>);
  return all.sort((a, b) => a.run.startedAt - b.run.startedAt);
}
