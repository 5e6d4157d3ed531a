/**
 * The helper threads that run shares of the studio's own WASM kernels (the loops that do
 * not go through XNNPACK: reductions, pooling and transposed-convolution gradients,
 * channel copies). They are module workers of the app's origin, given the WASM module's
 * shared memory; the kernels reach them through the pool installed here.
 */
import { CONTROL_BYTES, setKernelPool, sharedPool, stopHelpers } from '../../ml/kernels/wasm/pool';

/** How long helpers may take to start before kernels stay on one thread. */
const START_TIMEOUT_MS = 15_000;

interface Running {
  memory: WebAssembly.Memory;
  helpers: number;
  stop(): void;
}

let running: Running | null = null;

function started(worker: Worker, start: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('kernel thread did not start')),
      START_TIMEOUT_MS,
    );
    worker.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      reject(new Error(e.message || 'kernel thread failed to load'));
    };
    worker.postMessage(start);
  });
}

/**
 * Runs kernel loops on `helpers` threads beside the engine's own, on `memory` (the running
 * threaded WASM module's); 0 helpers or no memory stops them. Keeps running helpers of the
 * same memory and count.
 */
export async function runKernelThreads(
  memory: WebAssembly.Memory | null,
  helpers: number,
): Promise<void> {
  if (running && running.memory === memory && running.helpers === helpers) return;
  running?.stop();
  running = null;
  if (!memory || helpers < 1) return;
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const workers = Array.from(
    { length: helpers },
    (_, i) =>
      new Worker(new URL('../../ml/kernels/wasm/pool-worker.ts', import.meta.url), {
        type: 'module',
        name: `segstudio-kernel-thread-${i + 1}`,
      }),
  );
  const stop = () => {
    setKernelPool(null);
    stopHelpers(control);
    for (const w of workers) w.terminate();
  };
  try {
    await Promise.all(workers.map((w, i) => started(w, { memory, control, index: i + 1 })));
  } catch (e) {
    stop();
    throw e;
  }
  setKernelPool(sharedPool(control, helpers));
  running = { memory, helpers, stop };
}
