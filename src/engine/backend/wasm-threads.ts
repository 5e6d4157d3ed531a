/**
 * Starts tfjs-backend-wasm's threaded SIMD build with a chosen number of threads. tfjs's
 * own loader cannot do it in the studio: it gives the threads their scripts as blob: URLs
 * (refused by the Content-Security-Policy) and rebuilds the module script from a bundled
 * function's source (broken by minification), and tfjs 4.22 caps XNNPACK's thread pool at
 * half of navigator.hardwareConcurrency, which is one thread on a 2-core machine. Here the
 * threads load same-origin scripts emitted by the build (scripts/build/wasm-threads-
 * plugin.ts), and the core count the module sees is raised so the cap is the caller's.
 */
import * as tf from '@tensorflow/tfjs';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import createThreadedModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { moduleScriptUrl, threadScriptUrl } from 'virtual:segstudio-wasm-threads';

/**
 * Emscripten starts 8 thread workers with the module; a pool of n threads uses n - 1 of
 * them (the calling thread is the n-th), and a pool wider than what was started would
 * wait for workers that only start once the engine's thread yields.
 */
export const MAX_WASM_THREADS = 8;
/** The backend's registration priority in tfjs-backend-wasm. */
const WASM_PRIORITY = 2;

/** What the studio uses of the Emscripten module. */
export interface ThreadedModule {
  cwrap(name: string, returns: 'number' | null, args: 'number'[]): (...a: number[]) => number;
  wasmMemory: WebAssembly.Memory;
  tfjs?: Record<string, (...a: number[]) => number>;
}

type Factory = (config: Record<string, unknown>) => Promise<ThreadedModule>;
type Receive = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void;

let compiled: Promise<WebAssembly.Module> | null = null;

function absolute(url: string): string {
  return new URL(url, globalThis.location.href).href;
}

/** Whether this context can run the threaded build: isolated, with threads and SIMD. */
export async function threadsAvailable(): Promise<boolean> {
  if (globalThis.crossOriginIsolated !== true || typeof SharedArrayBuffer === 'undefined') {
    return false;
  }
  const env = tf.env();
  const [simd, threads] = await Promise.all([
    env.getAsync('WASM_HAS_SIMD_SUPPORT'),
    env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  return simd === true && threads === true;
}

/** Compiles the binary once; every module instance (one per thread count) reuses it. */
function compiledBinary(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compileStreaming(
    fetch(absolute(wasmUrl), { credentials: 'same-origin' }),
  );
  return compiled;
}

/** One instance of the threaded module, with the bindings BackendWasm expects. */
async function instantiate(): Promise<ThreadedModule> {
  const binary = await compiledBinary();
  const factory = createThreadedModule as unknown as Factory;
  let aborted: (reason: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (aborted = reject));
  const ready = factory({
    locateFile: (file: string) => {
      if (file.endsWith('.worker.js')) return absolute(threadScriptUrl);
      if (file.endsWith('.wasm')) return absolute(wasmUrl);
      return file;
    },
    mainScriptUrlOrBlob: absolute(moduleScriptUrl),
    instantiateWasm: (imports: { env: Record<string, unknown> }, receive: Receive) => {
      // The module sizes its pool cap from half this count; report enough for every thread.
      imports.env['emscripten_num_logical_cores'] = () => 2 * MAX_WASM_THREADS;
      WebAssembly.instantiate(binary, imports as WebAssembly.Imports).then(
        (instance) => receive(instance, binary),
        (e: unknown) => aborted(e instanceof Error ? e : new Error(String(e))),
      );
      return {};
    },
    onAbort: (what: unknown) => aborted(new Error(`WASM module aborted: ${String(what)}`)),
  });
  const module = await Promise.race([ready, failure]);
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/**
 * Registers the 'wasm' backend as the threaded build running `threads` threads, in place
 * of any earlier registration (whose instance, threads included, is disposed). The next
 * `tf.setBackend('wasm')` starts it.
 */
export function registerThreadedWasm(threads: number): void {
  const n = Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(threads)));
  if (tf.findBackendFactory('wasm')) tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      const module = await instantiate();
      setThreadsCount(n);
      return new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
    },
    WASM_PRIORITY,
  );
}

/** The shared memory of the running threaded backend, or null (single-threaded build). */
export function threadedMemory(backend: unknown): WebAssembly.Memory | null {
  const memory = (backend as { wasm?: { wasmMemory?: unknown } } | null)?.wasm?.wasmMemory;
  return memory instanceof WebAssembly.Memory && memory.buffer instanceof SharedArrayBuffer
    ? memory
    : null;
}
