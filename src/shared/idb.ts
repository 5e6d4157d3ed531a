/**
 * One object store of a one-store IndexedDB database, opened for each use and closed after
 * it, so a database never stays open across a page's lifetime (another tab's upgrade is
 * not blocked). A request resolves when its transaction commits, not when the request
 * succeeds, so a resolved write is on disk; a failed or aborted transaction (storage full,
 * private mode) rejects.
 */

/** Runs `act` on the store in a transaction of `mode` and resolves with its result. */
export type StoreAccess = <T>(
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<T>,
) => Promise<T>;

/** Access to store `store` (records keyed by `keyPath`) of database `dbName`, version 1. */
export function objectStoreAccess(dbName: string, store: string, keyPath: string): StoreAccess {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(store, { keyPath });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
    });
  return async (mode, act) => {
    const db = await open();
    try {
      const tx = db.transaction(store, mode);
      const req = act(tx.objectStore(store));
      await committed(tx);
      return req.result;
    } finally {
      db.close();
    }
  };
}

/**
 * Resolves when `tx` has committed (its writes are on disk); rejects when it fails or is
 * aborted (storage full, private mode). Call it right after issuing the requests.
 */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () =>
      reject(tx.error ?? new Error('IndexedDB transaction aborted (storage full?)'));
  });
}
