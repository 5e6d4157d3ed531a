/**
 * Entry of the engine's worker: the engine with its IndexedDB stores, the backend chosen
 * by measurement, wired to the worker scope. It also holds a Web Lock named after the
 * worker for as long as it lives, so the page learns at once when the worker dies (a
 * crash, running out of memory) and can restart it.
 */
import { attachEngine } from './handler';
import { SegmentationEngine } from './core/engine';
import { indexedDbStores } from './core/idb-store';
import { memoryStores } from './core/stores';
import { selectBackend } from './backend/select';
import { watchDeviceLoss } from './backend/device-loss';
import { countReadbacks, transferCounts } from './backend/transfer-counts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

countReadbacks();
const engine = new SegmentationEngine({
  stores: typeof indexedDB === 'undefined' ? memoryStores() : indexedDbStores(),
  selectBackend,
  watchBackend: watchDeviceLoss,
  transferCounts,
});
attachEngine(scope, engine);

const lock = scope.name;
if (lock && 'locks' in navigator) {
  void navigator.locks.request(lock, () => {
    scope.postMessage({ kind: 'alive', lock });
    // Held until the worker ends.
    return new Promise<never>(() => undefined);
  });
}
