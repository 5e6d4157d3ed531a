/**
 * Starts one tfjs backend in the worker and describes what runs (the WebGPU adapter, the
 * WebGL renderer, or the WASM build and its threads), so the page can show what actually
 * computes. Backends are registered on demand: pages that never use WASM or WebGPU never
 * download them.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../ml/types';

const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Marks emulated GPUs in the description, since users read "GPU" as fast. */
function labelSoftware(text: string, fallback = false): string {
  return fallback || SOFTWARE_GPU.test(text) ? `${text} (software emulation)` : text;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}
interface NavigatorLike {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
  hardwareConcurrency?: number;
}

function nav(): NavigatorLike | undefined {
  const n: NavigatorLike | undefined = globalThis.navigator;
  return n;
}

/** Logical cores as the browser reports them (navigator.hardwareConcurrency). */
export function hardwareThreads(): number {
  return Math.max(1, nav()?.hardwareConcurrency ?? 1);
}

/** Backends this environment could plausibly run, before trying any of them. */
export function candidateBackends(): BackendName[] {
  const out: BackendName[] = [];
  if (nav()?.gpu) out.push('webgpu');
  if (typeof OffscreenCanvas !== 'undefined') out.push('webgl');
  if (typeof WebAssembly !== 'undefined') out.push('wasm');
  out.push('cpu');
  return out;
}

export async function describeWebGpu(): Promise<string> {
  const adapter = await nav()?.gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU: no available adapter');
  const info = adapter.info ?? {};
  const fields = [info.vendor, info.architecture, info.device, info.description].filter(Boolean);
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  return labelSoftware(fields.join(' ') || 'unknown adapter', fallback);
}

function describeWebGl(): string {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
  if (!gl) return 'WebGL';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return labelSoftware(renderer);
}

/** A backend that runs: its description, and its threads for wasm. */
export interface StartedBackend {
  adapter: string;
  threads?: number;
}

async function setBackend(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`${name} failed to initialise`);
  await tf.ready();
}

/**
 * WASM on `threads` threads, or on one (the single-threaded build) when the threaded
 * build cannot start here.
 */
async function startWasm(threads: number): Promise<StartedBackend> {
  const wasm = await import('./wasm');
  await wasm.prepareWasm(threads);
  try {
    await setBackend('wasm');
  } catch (e) {
    if (!wasm.fallBackToSingleThread()) throw e;
    await setBackend('wasm');
  }
  await wasm.matchKernelThreads();
  const n = wasm.wasmThreads();
  return {
    adapter: `WebAssembly SIMD, ${n} thread${n === 1 ? '' : 's'}, training kernels`,
    threads: n,
  };
}

/** Makes `name` the current backend (wasm with `threads` threads); describes it. */
export async function startBackend(
  name: BackendName,
  threads = hardwareThreads(),
): Promise<StartedBackend> {
  if (!candidateBackends().includes(name)) throw new Error('not supported in this environment');
  switch (name) {
    case 'wasm':
      return startWasm(threads);
    case 'webgpu': {
      (await import('../../ml/kernels/webgpu')).registerWebGpuKernelFixes();
      const adapter = await describeWebGpu();
      await setBackend(name);
      return { adapter };
    }
    case 'webgl':
      await setBackend(name);
      return { adapter: describeWebGl() };
    case 'cpu':
      await setBackend(name);
      return { adapter: 'JavaScript (no acceleration)' };
  }
}
