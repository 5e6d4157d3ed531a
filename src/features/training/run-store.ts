/**
 * Keeps the runs across reloads: each run's configuration, curves, status and checkpoint
 * position in IndexedDB, in this browser only (the engine keeps the weights and
 * checkpoints themselves in its own storage). Earlier versions kept a run's weights here
 * too; such entries are handed to the engine once and then stored without them.
 */
import type { TrainingRun } from '../../store';
import type { ModelArtifactsData } from '../../ml/types';
import { objectStoreAccess } from '../../shared/idb';

const DB_NAME = 'segstudio';
const STORE = 'runs';

export interface StoredRun {
  run: TrainingRun;
  /** Weights stored with the run by earlier versions. */
  artifacts?: ModelArtifactsData;
}

const withStore = objectStoreAccess(DB_NAME, STORE, 'run.id');

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
