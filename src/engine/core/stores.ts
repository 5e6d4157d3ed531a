/**
 * Where the engine keeps what outlives memory: every model's artifacts (so models beyond
 * the memory bound, and all models after a reload or a crash, can be loaded back) and each
 * run's last checkpoint. The worker stores them in IndexedDB (see idb-store.ts); tests use
 * the in-memory store.
 */
import type { TrainConfig } from '../../ml/train/config';
import type { TrainState } from '../../ml/train/train-state';
import type { ModelArtifactsData } from '../../ml/types';

/** A small asynchronous key-value store. */
export interface KeyValueStore<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A run's last checkpoint: how to rebuild it, and where it stood. */
export interface Checkpoint {
  run: string;
  config: TrainConfig;
  /** The cases it trained and validated on, by name, in order. */
  cases: { train: string[]; val: string[] };
  /** The model it fine-tunes, if any (its weights are in `state`). */
  from?: string;
  totalSteps: number;
  state: TrainState;
}

/** What the engine stores. */
export interface EngineStores {
  models: KeyValueStore<ModelArtifactsData>;
  checkpoints: KeyValueStore<Checkpoint>;
}

/** A store in this thread's memory (tests, or a browser without IndexedDB). */
export class MemoryStore<T> implements KeyValueStore<T> {
  private readonly items = new Map<string, T>();

  get(key: string): Promise<T | undefined> {
    return Promise.resolve(this.items.get(key));
  }

  put(key: string, value: T): Promise<void> {
    this.items.set(key, value);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.items.delete(key);
    return Promise.resolve();
  }

  get size(): number {
    return this.items.size;
  }
}

/** Stores that live as long as the engine object. */
export function memoryStores(): EngineStores {
  return { models: new MemoryStore(), checkpoints: new MemoryStore() };
}
