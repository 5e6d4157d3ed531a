/**
 * The backend the engine's Node tests train on. The plain-JS cpu backend needs seconds
 * per step even for a tiny U-Net (its Conv2DBackpropFilter dominates), while tfjs-backend-
 * wasm with the studio's training kernels gives the same numbers 10-20x faster; the cpu
 * backend remains the fallback if WASM cannot start.
 */
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../kernels/wasm';

/** Selects wasm (with training kernels) or, failing that, cpu; returns the backend name. */
export async function startTrainingTestBackend(): Promise<string> {
  registerWasmTrainingKernels();
  try {
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // Fall through to cpu.
  }
  await tf.setBackend('cpu');
  return 'cpu';
}
