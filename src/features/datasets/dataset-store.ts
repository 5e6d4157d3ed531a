/**
 * Keeps the user's dataset across reloads: the dropped files themselves (as Blobs, in
 * this browser's IndexedDB only), the case table (pairing, splits), the label names, and
 * the labels the user edited (with their reviewed slices), which are part of the dataset.
 * On the next visit the files are decoded again by the same reader. The sample is never
 * stored, but edits of its labels are, so they come back with it. Operations run one
 * after another, in the order they were asked for, so that forgetting a removed case's
 * files can never undo a later drop of the same files.
 */
import { committed } from '../../shared/idb';
import type { LabelTable, StudyCase } from '../../store';

const DB_NAME = 'segstudio-data';
const FILES = 'files';
const META = 'meta';
const EDITS = 'edits';
/** The dataset name of the built-in sample, whose edits outlive a switch to other data. */
const SAMPLE = 'sample';

interface StoredMeta {
  key: 'dataset';
  name: string;
  cases: StudyCase[];
  /** Absent in datasets stored before label names were kept. */
  labelTable?: LabelTable;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES, { keyPath: 'path' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(EDITS)) db.createObjectStore(EDITS, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

let queue: Promise<unknown> = Promise.resolve();

function run(
  stores: string[],
  mode: IDBTransactionMode,
  act: (tx: IDBTransaction) => void,
): Promise<void> {
  const next = queue.then(() => transact(stores, mode, act));
  queue = next.catch(() => undefined);
  return next;
}

async function transact(
  stores: string[],
  mode: IDBTransactionMode,
  act: (tx: IDBTransaction) => void,
): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(stores, mode);
    act(tx);
    await committed(tx);
  } finally {
    db.close();
  }
}

export function storeFiles(files: { path: string; blob: Blob }[]): Promise<void> {
  return run([FILES], 'readwrite', (tx) => {
    for (const f of files) tx.objectStore(FILES).put(f);
  });
}

/** Forgets files no case uses any more. */
export function deleteFiles(paths: readonly string[]): Promise<void> {
  return run([FILES], 'readwrite', (tx) => {
    for (const p of paths) tx.objectStore(FILES).delete(p);
  });
}

export function storeCases(
  name: string,
  cases: StudyCase[],
  labelTable: LabelTable,
): Promise<void> {
  const meta: StoredMeta = { key: 'dataset', name, cases, labelTable };
  return run([META], 'readwrite', (tx) => tx.objectStore(META).put(meta));
}

/** Forgets the stored dataset, and the edits of every dataset but the sample. */
export function clearStoredDataset(): Promise<void> {
  return run([FILES, META, EDITS], 'readwrite', (tx) => {
    tx.objectStore(FILES).clear();
    tx.objectStore(META).clear();
    const edits = tx.objectStore(EDITS).openCursor();
    edits.onsuccess = () => {
      const cursor = edits.result;
      if (!cursor) return;
      if ((cursor.value as StoredLabelEdit).dataset !== SAMPLE) cursor.delete();
      cursor.continue();
    };
  });
}

/** A case's edited label (NIfTI bytes on the case's grid) and its reviewed slices. */
export interface StoredLabelEdit {
  dataset: string;
  case: string;
  /** Absent when only the reviewed slices changed. */
  label?: Blob;
  /** The label file the edit started from, or null when the case had none. */
  editedFrom: string | null;
  reviewed: number[] | null;
}

const editKey = (dataset: string, name: string) => `${dataset}\u0000${name}`;

export function storeLabelEdit(edit: StoredLabelEdit): Promise<void> {
  return run([EDITS], 'readwrite', (tx) =>
    tx.objectStore(EDITS).put({ ...edit, key: editKey(edit.dataset, edit.case) }),
  );
}

export function deleteLabelEdits(dataset: string, names: readonly string[]): Promise<void> {
  return run([EDITS], 'readwrite', (tx) => {
    for (const n of names) tx.objectStore(EDITS).delete(editKey(dataset, n));
  });
}

export async function loadLabelEdits(dataset: string): Promise<StoredLabelEdit[]> {
  let all: StoredLabelEdit[] = [];
  await run([EDITS], 'readonly', (tx) => {
    const req = tx.objectStore(EDITS).getAll();
    req.onsuccess = () => (all = req.result as StoredLabelEdit[]);
  });
  return all.filter((e) => e.dataset === dataset);
}

export async function loadStoredDataset(): Promise<{
  name: string;
  cases: StudyCase[];
  labelTable?: LabelTable;
  files: { path: string; blob: Blob }[];
} | null> {
  let meta: StoredMeta | undefined;
  let files: { path: string; blob: Blob }[] = [];
  await run([FILES, META], 'readonly', (tx) => {
    const m = tx.objectStore(META).get('dataset');
    m.onsuccess = () => (meta = m.result as StoredMeta | undefined);
    const f = tx.objectStore(FILES).getAll();
    f.onsuccess = () => (files = f.result as { path: string; blob: Blob }[]);
  });
  return meta && meta.cases.length > 0
    ? { name: meta.name, cases: meta.cases, labelTable: meta.labelTable, files }
    : null;
}
