/**
 * The engine's stores in IndexedDB, in this browser only: models and checkpoints survive
 * a reload, a worker crash and a lost GPU. A write that fails (storage full, private mode)
 * rejects; the engine reports it and goes on with the model in memory.
 */
import { committed } from '../../shared/idb';
import type { EngineStores, KeyValueStore } from './stores';

const DB_NAME = 'segstudio-engine';
const VERSION = 1;
const STORES = ['models', 'checkpoints'] as const;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      for (const name of STORES) {
        if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  opening.catch(() => (opening = null));
  return opening;
}

function request<R>(
  store: string,
  mode: IDBTransactionMode,
  act: (s: IDBObjectStore) => IDBRequest<R>,
): Promise<R> {
  return open().then(async (db) => {
    const tx = db.transaction(store, mode);
    const req = act(tx.objectStore(store));
    await committed(tx);
    return req.result;
  });
}

class IdbStore<T> implements KeyValueStore<T> {
  constructor(private readonly store: (typeof STORES)[number]) {}

  get(key: string): Promise<T | undefined> {
    return request(this.store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
  }

  async put(key: string, value: T): Promise<void> {
    await request(this.store, 'readwrite', (s) => s.put(value, key));
  }

  async delete(key: string): Promise<void> {
    await request(this.store, 'readwrite', (s) => s.delete(key));
  }
}

/** The engine's stores in this browser's IndexedDB. */
export function indexedDbStores(): EngineStores {
  return { models: new IdbStore('models'), checkpoints: new IdbStore('checkpoints') };
}
