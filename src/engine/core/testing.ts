/**
 * An engine for Node tests: in-memory stores, and a backend chosen without measuring (the
 * wasm backend with the studio's training kernels, or cpu).
 */
import * as tf from '@tensorflow/tfjs';
import { startTrainingTestBackend } from '../../ml/train/test-backend';
import type { BackendInfo, BackendName } from '../../ml/types';
import { SegmentationEngine } from './engine';
import { memoryStores, type EngineStores } from './stores';

/** Starts the test backend and reports it as the engine's `init` would. */
export async function testBackend(): Promise<BackendInfo> {
  const backend = (await startTrainingTestBackend()) as BackendName;
  return {
    backend,
    adapter: backend,
    available: [backend],
    failures: [],
    choice: {
      how: 'requested',
      reason: `${backend} for tests`,
      fingerprint: 'test',
      measuredAt: null,
      picked: null,
      trials: [],
    },
  };
}

/** An engine on memory stores (pass the same stores to model a restart). */
export function testEngine(
  stores: EngineStores = memoryStores(),
  modelBudget?: number,
): SegmentationEngine {
  return new SegmentationEngine({ stores, selectBackend: testBackend, modelBudget });
}

/** Live tensors now, for leak checks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
