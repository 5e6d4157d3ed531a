/**
 * Chooses and initialises the tfjs backend the worker computes on, and describes it (the
 * WebGPU adapter or WebGL renderer) so the page can show what actually runs. 'auto'
 * measures: every backend that starts is checked against the cpu backend and timed on a
 * few training steps, and the fastest correct one wins. The measurement is cached by the
 * page per device, so later starts only re-check that the winner still starts.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  BackendChoice,
  BackendInfo,
  BackendName,
  BackendPreference,
  BackendTrial,
} from '../../ml/types';
import {
  deviceFingerprint,
  fastestTrial,
  measuredReason,
  reusableChoice,
} from '../../ml/backend/choice';
import { measureCurrentBackend, referenceLosses } from '../../ml/backend/probe';

/** Probed cheapest first, so a slow GPU emulation is timed after the baseline is known. */
const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl'];
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
interface NavigatorGpu {
  gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> };
}

/** Backends this environment could plausibly run, before trying any of them. */
export function candidateBackends(): BackendName[] {
  const out: BackendName[] = [];
  if ((globalThis.navigator as NavigatorGpu | undefined)?.gpu) out.push('webgpu');
  if (typeof OffscreenCanvas !== 'undefined') out.push('webgl');
  if (typeof WebAssembly !== 'undefined') out.push('wasm');
  out.push('cpu');
  return out;
}

async function describeWebGpu(): Promise<string> {
  const gpu = (globalThis.navigator as NavigatorGpu | undefined)?.gpu;
  const adapter = await gpu?.requestAdapter();
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

/**
 * Loads the module that registers `name` with tfjs (tfjs itself brings webgl and cpu),
 * with the kernels our training needs replaced where the stock ones misbehave.
 */
async function register(name: BackendName): Promise<void> {
  if (name === 'webgpu') (await import('../../ml/kernels/webgpu')).registerWebGpuKernelFixes();
  if (name === 'wasm') (await import('./wasm')).prepareWasm();
}

/** Makes `name` the current backend; returns its adapter or renderer description. */
async function startBackend(name: BackendName): Promise<string> {
  if (!candidateBackends().includes(name)) throw new Error('not supported in this environment');
  await register(name);
  let description: string = name;
  if (name === 'webgpu') description = await describeWebGpu();
  if (name === 'wasm') description = 'WebAssembly SIMD, 1 thread, training kernels';
  if (name === 'cpu') description = 'JavaScript (no acceleration)';
  if (!(await tf.setBackend(name))) throw new Error(`${name} failed to initialise`);
  await tf.ready();
  if (name === 'webgl') description = describeWebGl();
  return description;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function fingerprint(): Promise<string> {
  const nav = globalThis.navigator as
    | { userAgent?: string; hardwareConcurrency?: number }
    | undefined;
  const gpu = await describeWebGpu().catch(() => null);
  return deviceFingerprint({
    userAgent: nav?.userAgent ?? 'unknown browser',
    cores: nav?.hardwareConcurrency ?? 0,
    gpuAdapter: gpu,
  });
}

/** Checks and times every backend that starts; returns the trials in probe order. */
export async function probeBackends(failures: BackendInfo['failures']): Promise<BackendTrial[]> {
  const reference = await referenceLosses();
  const trials: BackendTrial[] = [];
  for (const name of PROBE_ORDER) {
    let adapter: string;
    try {
      adapter = await startBackend(name);
    } catch (e) {
      failures.push({ backend: name, message: message(e) });
      trials.push({
        backend: name,
        adapter: null,
        msPerStep: null,
        checkMsPerStep: null,
        maxRelError: null,
        ok: false,
        note: message(e),
      });
      continue;
    }
    trials.push(await measureCurrentBackend(reference, adapter, fastestTrial(trials)));
  }
  return trials;
}

/**
 * Initialises the backend to compute on: `preference` itself, or for 'auto' (and when the
 * preference fails) the measured choice, reusing `cached` when it was measured on this
 * device. The cpu backend is the last resort, used when nothing else trains correctly.
 */
export async function selectBackend(
  preference: BackendPreference,
  cached: BackendChoice | null = null,
): Promise<BackendInfo> {
  const available = candidateBackends();
  const failures: BackendInfo['failures'] = [];
  const print = await fingerprint();
  const base = { fingerprint: print, measuredAt: null, picked: null, trials: [] };
  if (preference !== 'auto') {
    try {
      const adapter = await startBackend(preference);
      const choice: BackendChoice = {
        ...base,
        how: 'requested',
        reason: `${preference} chosen by you`,
      };
      return { backend: preference, adapter, available, failures, choice };
    } catch (e) {
      failures.push({ backend: preference, message: message(e) });
    }
  }
  const fallback = failures.length > 0 ? `${preference} failed (${failures[0].message}); ` : '';
  const reuse = reusableChoice(cached, print);
  if (reuse && cached) {
    try {
      const adapter = await startBackend(reuse);
      const when = cached.measuredAt ? ` on ${cached.measuredAt.slice(0, 10)}` : '';
      const choice: BackendChoice = {
        ...cached,
        how: fallback ? 'fallback' : 'cached',
        reason: `${fallback}measured${when}: ${cached.reason}`,
      };
      return { backend: reuse, adapter, available, failures, choice };
    } catch (e) {
      failures.push({ backend: reuse, message: message(e) });
    }
  }
  const trials = await probeBackends(failures);
  const winner = fastestTrial(trials);
  const backend = winner?.backend ?? 'cpu';
  const adapter = await startBackend(backend);
  const reason = winner
    ? measuredReason(winner, trials)
    : `no other backend trained correctly (${trials.map((t) => `${t.backend}: ${t.note}`).join('; ')})`;
  const choice: BackendChoice = {
    how: fallback ? 'fallback' : 'measured',
    reason: fallback + reason,
    fingerprint: print,
    measuredAt: new Date().toISOString(),
    picked: backend,
    trials,
  };
  return { backend, adapter, available, failures, choice };
}
