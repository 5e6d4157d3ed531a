/**
 * Narrowing of the engine's untyped `backend` argument for kernels registered on the
 * tfjs WebGPU backend, and the device limit those kernels must respect.
 */
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** Narrows the engine's untyped backend to the WebGPU backend (checked, not cast blindly). */
export function webgpuBackend(backend: unknown): WebGPUBackend {
  const b = backend as Partial<WebGPUBackend> | null;
  if (typeof b?.runWebGPUProgram !== 'function' || b.tensorMap === undefined) {
    throw new Error('This kernel only runs on the tfjs WebGPU backend.');
  }
  return backend as WebGPUBackend;
}

/**
 * How many input buffers one compute shader may bind: the device's storage-buffer limit
 * per shader stage (8 unless more was requested, and tfjs requests none), less the one
 * the output takes.
 */
export function maxShaderInputs(backend: WebGPUBackend): number {
  const limits = (backend.device as { limits?: { maxStorageBuffersPerShaderStage?: number } })
    .limits;
  return Math.max(2, (limits?.maxStorageBuffersPerShaderStage ?? 8) - 1);
}
