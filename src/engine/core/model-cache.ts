/**
 * The engine's models by id. Every model is written to the model store when it arrives;
 * at most a memory budget's worth stays built in memory (least recently used first out),
 * and a model asked for after it left is built again from the store. So a request can
 * name any model the engine ever kept, in any order, and memory stays bounded.
 */
import { countParams } from '../../ml/models';
import { fromArtifacts, toArtifacts, type ModelHandle } from '../../ml/train/model-io';
import type { ModelArtifactsData } from '../../ml/types';
import { EngineError } from '../../shared/engine-error';
import type { ModelInfo } from '../api';
import type { KeyValueStore } from './stores';

/** Default budget: a handful of studio-sized networks, far below a tab's memory. */
export const DEFAULT_MODEL_BUDGET = 384 * 1024 ** 2;

interface Entry {
  handle: ModelHandle;
  bytes: number;
}

/** Bytes of a model's weights as float32. */
function weightBytes(handle: ModelHandle): number {
  const p = countParams(handle.model);
  return 4 * (p.trainable + p.nonTrainable);
}

/** What the engine reports about a model. */
export function modelInfo(id: string, handle: ModelHandle): ModelInfo {
  return {
    id,
    spec: handle.spec,
    target: handle.target,
    inputSize: handle.inputSize,
    inChannels: handle.inChannels,
    numClasses: handle.numClasses,
    params: countParams(handle.model),
    sizeBytes: weightBytes(handle),
  };
}

export class ModelCache {
  /** In use order: the first entry is the least recently used. */
  private readonly live = new Map<string, Entry>();
  private loads = new Map<string, Promise<ModelHandle>>();

  constructor(
    private readonly store: KeyValueStore<ModelArtifactsData>,
    private readonly budget = DEFAULT_MODEL_BUDGET,
  ) {}

  /** Ids of the models built in memory now, least recently used first. */
  get inMemory(): string[] {
    return [...this.live.keys()];
  }

  /** The model `id`, built from the store when it is not in memory. */
  async get(id: string): Promise<ModelHandle> {
    const entry = this.live.get(id);
    if (entry) {
      this.live.delete(id);
      this.live.set(id, entry);
      return entry.handle;
    }
    let load = this.loads.get(id);
    if (!load) {
      load = this.loadFromStore(id);
      this.loads.set(id, load);
    }
    try {
      return await load;
    } finally {
      this.loads.delete(id);
    }
  }

  private async loadFromStore(id: string): Promise<ModelHandle> {
    const artifacts = await this.store.get(id);
    if (!artifacts) throw new EngineError('no-model', `no model '${id}': train or load one first`);
    const handle = await fromArtifacts(artifacts);
    this.admit(id, handle);
    return handle;
  }

  /**
   * Keeps `handle` under `id` (replacing and disposing any model of that id): stored for
   * good first, then held in memory. Returns the stored artifacts.
   */
  async put(
    id: string,
    handle: ModelHandle,
    artifacts?: ModelArtifactsData,
  ): Promise<ModelArtifactsData> {
    const saved = artifacts ?? (await toArtifacts(handle));
    await this.store.put(id, saved);
    this.admit(id, handle);
    return saved;
  }

  /** The stored artifacts of `id`. */
  async artifacts(id: string): Promise<ModelArtifactsData> {
    const saved = await this.store.get(id);
    if (saved) return saved;
    const entry = this.live.get(id);
    if (entry) return toArtifacts(entry.handle);
    throw new EngineError('no-model', `no model '${id}'`);
  }

  /** Forgets `id` in memory and in the store. */
  async drop(id: string): Promise<void> {
    this.release(id);
    await this.store.delete(id);
  }

  /** Disposes every model in memory (the store keeps them). */
  clear(): void {
    for (const id of [...this.live.keys()]) this.release(id);
  }

  private admit(id: string, handle: ModelHandle): void {
    const old = this.live.get(id);
    if (old && old.handle !== handle) old.handle.model.dispose();
    this.live.delete(id);
    this.live.set(id, { handle, bytes: weightBytes(handle) });
    let total = 0;
    for (const e of this.live.values()) total += e.bytes;
    for (const [other, e] of this.live) {
      if (total <= this.budget) break;
      if (other === id) continue;
      total -= e.bytes;
      this.release(other);
    }
  }

  private release(id: string): void {
    this.live.get(id)?.handle.model.dispose();
    this.live.delete(id);
  }
}
