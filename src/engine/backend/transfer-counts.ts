/**
 * Counts what a training step costs beyond its kernels on a GPU backend: reads of tensor
 * data back to the CPU (every `dataSync`, `data`, `arraySync`, `array` and `bytes` goes
 * through the tfjs engine's `readSync` or `read`, which are wrapped here) and shader
 * programs compiled (the size of the webgl backend's binary cache or the webgpu backend's
 * pipeline cache). A step that reads back stalls the GPU's queue until it drains; a new
 * program stalls it for a compilation. The benchmark and its tests check both.
 */
import * as tf from '@tensorflow/tfjs';
import type { TransferCounts } from '../../ml/types';

let readbacks = 0;
let installed = false;

/** Starts counting read-backs (idempotent): wraps the tfjs engine's two read entry points. */
export function countReadbacks(): void {
  if (installed) return;
  installed = true;
  const engine = tf.engine() as unknown as {
    readSync(dataId: object): unknown;
    read(dataId: object): Promise<unknown>;
  };
  const readSync = engine.readSync.bind(engine);
  const read = engine.read.bind(engine);
  engine.readSync = (dataId) => {
    readbacks++;
    return readSync(dataId);
  };
  engine.read = (dataId) => {
    readbacks++;
    return read(dataId);
  };
}

/** Programs the current backend has compiled; 0 for backends that compile none. */
function compiledPrograms(): number {
  const backend = tf.backend() as unknown as {
    binaryCache?: Record<string, unknown>;
    pipelineCache?: Record<string, unknown>;
  };
  const cache = backend.binaryCache ?? backend.pipelineCache;
  return cache ? Object.keys(cache).length : 0;
}

/** Read-backs since counting began and programs compiled by the current backend. */
export function transferCounts(): TransferCounts {
  return { readbacks, programs: compiledPrograms() };
}
