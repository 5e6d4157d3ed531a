/**
 * Chooses and initialises the tfjs backend the worker computes on, and describes it (the
 * WebGPU adapter or WebGL renderer) so the page can show what actually runs. Software GPU
 * emulation (SwiftShader, llvmpipe) is passed over in 'auto' mode when WASM can train,
 * because it is several times slower than WASM on the same CPU.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendPreference, ReadyReply } from '../shared/protocol';

const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render/i;

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
interface NavigatorGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

/** What `init` found: the reply payload without its `type`. */
export type BackendInfo = Omit<ReadyReply, 'type'>;

/** Backends this environment could plausibly run, before trying any of them. */
export function candidateBackends(): BackendName[] {
  const out: BackendName[] = [];
  if ((globalThis.navigator as NavigatorGpu | undefined)?.gpu) out.push('webgpu');
  if (typeof OffscreenCanvas !== 'undefined') out.push('webgl');
  if (typeof WebAssembly !== 'undefined') out.push('wasm');
  out.push('cpu');
  return out;
}

async function describeWebGpu(): Promise<{ text: string; software: boolean }> {
  const gpu = (globalThis.navigator as NavigatorGpu | undefined)?.gpu;
  const adapter = await gpu?.requestAdapter();
  if (!adapter) throw new Error('WebGPU: no available adapter');
  const info = adapter.info ?? {};
  const fields = [info.vendor, info.architecture, info.device, info.description].filter(Boolean);
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  const text = `${fields.join(' ') || 'unknown adapter'}${fallback ? ' (fallback adapter)' : ''}`;
  return { text, software: fallback || SOFTWARE_GPU.test(text) };
}

function describeWebGl(): { text: string; software: boolean } {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
  if (!gl) return { text: 'WebGL', software: false };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  return { text: renderer, software: SOFTWARE_GPU.test(renderer) };
}

/**
 * Loads the module that registers `name` with tfjs (tfjs itself brings webgl and cpu),
 * with the kernels our training needs replaced where the stock ones misbehave.
 */
async function register(name: BackendName): Promise<void> {
  if (name === 'webgpu') (await import('../ml/kernels/webgpu')).registerWebGpuKernelFixes();
  if (name === 'wasm') (await import('./wasm')).prepareWasm();
}

/** A GPU backend that works but emulates the GPU on the CPU. */
class SoftwareGpuError extends Error {
  override name = 'SoftwareGpuError';
}

function rejectSoftware(auto: boolean, gpu: { text: string; software: boolean }): void {
  if (auto && gpu.software) {
    throw new SoftwareGpuError(`${gpu.text} is a software emulation, slower than WebAssembly`);
  }
}

async function tryBackend(name: BackendName, auto: boolean): Promise<string> {
  await register(name);
  let description: string = name;
  if (name === 'webgpu') {
    const gpu = await describeWebGpu();
    rejectSoftware(auto, gpu);
    description = gpu.text;
  }
  if (name === 'wasm') description = 'WebAssembly SIMD, 1 thread, training kernels';
  if (name === 'cpu') description = 'JavaScript (no acceleration)';
  if (!(await tf.setBackend(name))) throw new Error(`${name} failed to initialise`);
  await tf.ready();
  if (name === 'webgl') {
    const gpu = describeWebGl();
    rejectSoftware(auto, gpu);
    description = gpu.text;
  }
  return description;
}

/**
 * Initialises the first working backend: `preference` itself, or for 'auto' webgpu,
 * webgl, wasm, cpu in that order. A software-emulated GPU is tried again, before cpu, if
 * wasm fails. An explicit preference that fails falls back to the 'auto' order; every
 * failure is reported.
 */
export async function selectBackend(preference: BackendPreference): Promise<BackendInfo> {
  const candidates = candidateBackends();
  const rest = AUTO_ORDER.filter((b) => b !== preference);
  const order: BackendName[] = preference === 'auto' ? [...AUTO_ORDER] : [preference, ...rest];
  const failures: BackendInfo['failures'] = [];
  const deferred: BackendName[] = [];
  for (let i = 0; i < order.length; i++) {
    const name = order[i];
    if (name === 'cpu' && deferred.length > 0) order.splice(i, 0, ...deferred.splice(0));
    const current = order[i];
    if (!candidates.includes(current)) {
      failures.push({ backend: current, message: 'not supported in this environment' });
      continue;
    }
    // Software GPUs are skipped only while a faster option remains to be tried.
    const auto = current !== preference && !isRetry(order, i);
    try {
      const adapter = await tryBackend(current, auto);
      return { backend: current, adapter, available: candidates, failures };
    } catch (e) {
      if (e instanceof SoftwareGpuError) deferred.push(current);
      failures.push({ backend: current, message: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no tfjs backend could be initialised: ${JSON.stringify(failures)}`);
}

/** Whether `order[i]` already appeared earlier (a deferred software GPU tried again). */
function isRetry(order: readonly BackendName[], i: number): boolean {
  return order.indexOf(order[i]) < i;
}
