/**
 * Sets up the tfjs WASM backend from binaries bundled with the app (Vite `?url` imports),
 * never from a CDN, and installs the training kernels that stock tfjs-backend-wasm lacks.
 * Loaded on demand, so pages that never use WASM never download it.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../../ml/kernels/wasm';

/** Points tfjs at the bundled binaries and registers the training kernels. Idempotent. */
export function prepareWasm(): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  });
  // The multi-threaded binary fails inside a bundled module worker and gains nothing on
  // small CPUs, so the single-threaded SIMD build is used.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmTrainingKernels();
}
