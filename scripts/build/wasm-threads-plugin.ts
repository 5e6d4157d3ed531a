/**
 * Makes the two classic scripts that the threads of tfjs-backend-wasm's threaded build
 * start from into files of the app's own origin, and tells the engine their URLs through
 * the virtual module `virtual:segstudio-wasm-threads`:
 * - the thread script, which tfjs ships only as a string and turns into a blob: URL (the
 *   Content-Security-Policy's `worker-src 'self'` refuses blob: workers);
 * - the Emscripten module each thread imports, which tfjs rebuilds by printing a function's
 *   source, and that breaks once the function is bundled and minified (its free variables
 *   are renamed: "ReferenceError: e is not defined").
 * Both are read from node_modules at build time, emitted as hashed assets of the build (so
 * the service worker stores them), and served from memory by the dev server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

export const WASM_THREADS_MODULE = 'virtual:segstudio-wasm-threads';
const RESOLVED = `\0${WASM_THREADS_MODULE}`;
/** Where the dev server answers the scripts. */
const DEV_PREFIX = '/@segstudio-wasm-threads/';

/** The scripts by file name. */
export interface ThreadScripts {
  /** The thread's entry: receives the module and memory, then runs pthreads. */
  worker: string;
  /** The Emscripten module (defines the global `WasmBackendModuleThreadedSimd`). */
  module: string;
}

export const SCRIPT_NAMES = {
  worker: 'tfjs-wasm-thread.js',
  module: 'tfjs-wasm-threaded-simd.js',
} as const satisfies Record<keyof ThreadScripts, string>;

/** Reads both scripts from the installed tfjs-backend-wasm. */
export function readThreadScripts(): ThreadScripts {
  const require = createRequire(import.meta.url);
  const dir = path.join(
    path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'wasm-out',
  );
  const shipped = require(path.join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents?: unknown;
  };
  if (typeof shipped.wasmWorkerContents !== 'string') {
    throw new Error('tfjs-backend-wasm no longer ships its thread script as wasmWorkerContents');
  }
  return {
    worker: threadScriptSource(shipped.wasmWorkerContents),
    module: readFileSync(path.join(dir, 'tfjs-backend-wasm-threaded-simd.js'), 'utf8'),
  };
}

/**
 * The thread script as a file. tfjs keeps it in a template literal, which turned the
 * `"\n"` escapes of its string literals into raw line breaks; the script is one line
 * otherwise, so every line break goes back to an escape (tfjs does the same before
 * making its blob).
 */
export function threadScriptSource(contents: string): string {
  return contents.replace(/\n/g, '\\n');
}

export function wasmThreadsPlugin(): Plugin {
  let scripts: ThreadScripts | null = null;
  const load = (): ThreadScripts => (scripts ??= readThreadScripts());
  let serving = false;
  return {
    name: 'segstudio-wasm-threads',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === WASM_THREADS_MODULE ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      if (serving) {
        return [
          `export const threadScriptUrl = ${JSON.stringify(DEV_PREFIX + SCRIPT_NAMES.worker)};`,
          `export const moduleScriptUrl = ${JSON.stringify(DEV_PREFIX + SCRIPT_NAMES.module)};`,
        ].join('\n');
      }
      const { worker, module } = load();
      const workerRef = this.emitFile({ type: 'asset', name: SCRIPT_NAMES.worker, source: worker });
      const moduleRef = this.emitFile({ type: 'asset', name: SCRIPT_NAMES.module, source: module });
      return [
        `export const threadScriptUrl = import.meta.ROLLUP_FILE_URL_${workerRef};`,
        `export const moduleScriptUrl = import.meta.ROLLUP_FILE_URL_${moduleRef};`,
      ].join('\n');
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (!url.startsWith(DEV_PREFIX)) return next();
        const name = url.slice(DEV_PREFIX.length).split('?')[0];
        const key = (Object.keys(SCRIPT_NAMES) as (keyof ThreadScripts)[]).find(
          (k) => SCRIPT_NAMES[k] === name,
        );
        if (!key) return next();
        for (const [header, value] of Object.entries(server.config.server.headers ?? {})) {
          if (value !== undefined) res.setHeader(header, value);
        }
        res.setHeader('Content-Type', 'text/javascript');
        res.end(load()[key]);
      });
    },
  };
}
