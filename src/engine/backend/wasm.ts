/**
 * Sets up the tfjs WASM backend from binaries bundled with the app (Vite `?url` imports),
 * never from a CDN, and installs the training kernels that stock tfjs-backend-wasm lacks.
 * Where the page is cross-origin isolated, the threaded SIMD build runs with the number of
 * threads asked for (wasm-threads.ts); elsewhere the single-threaded SIMD build does.
 * Loaded on demand, so pages that never use WASM never download it.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from '../../ml/kernels/wasm';

/** The registration tfjs-backend-wasm made on import, kept to return to it. */
let stockFactory: ReturnType<typeof tf.findBackendFactory> | null = null;
/** Threads of the threaded build registered now; null while the stock loader is registered. */
let threadedAs: number | null = null;

function installStockLoader(): void {
  if (threadedAs !== null && stockFactory) {
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', stockFactory, 2);
  }
  threadedAs = null;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  });
  // tfjs's own loader cannot start threads under the studio's CSP (see wasm-threads.ts).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

/**
 * Registers the training kernels and the 'wasm' backend for `threads` threads (the
 * threaded build where the context allows it, else the single-threaded one). A change of
 * thread count replaces the running instance; the next `tf.setBackend('wasm')` starts it.
 */
export async function prepareWasm(threads: number): Promise<void> {
  registerWasmTrainingKernels();
  stockFactory ??= tf.findBackendFactory('wasm');
  const threaded = await import('./wasm-threads');
  if (!(await threaded.threadsAvailable())) {
    installStockLoader();
    return;
  }
  const n = Math.max(1, Math.min(threaded.MAX_WASM_THREADS, Math.floor(threads)));
  if (threadedAs === n) return;
  threaded.registerThreadedWasm(n);
  threadedAs = n;
}

/**
 * Goes back to the single-threaded build after the threaded one failed to start; false
 * when that build was the one that failed.
 */
export function fallBackToSingleThread(): boolean {
  if (threadedAs === null) return false;
  installStockLoader();
  return true;
}

/** Threads the running wasm backend computes with. */
export function wasmThreads(): number {
  return getThreadsCount();
}

/**
 * Gives the studio's own kernels as many threads as XNNPACK has (helpers sharing the
 * running module's memory), or none on the single-threaded build. Call after the
 * backend started. A failure to start them leaves those kernels on one thread.
 */
export async function matchKernelThreads(): Promise<void> {
  const { threadedMemory } = await import('./wasm-threads');
  const { runKernelThreads } = await import('./kernel-threads');
  const memory = threadedMemory(tf.findBackend('wasm'));
  try {
    await runKernelThreads(memory, memory ? wasmThreads() - 1 : 0);
  } catch (e) {
    console.warn(`WASM kernels stay on one thread: ${e instanceof Error ? e.message : String(e)}`);
  }
}
