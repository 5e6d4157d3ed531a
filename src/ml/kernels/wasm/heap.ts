/**
 * Small helpers for kernels that run on the tfjs WASM backend: typed views on the WASM
 * heap, temporary tensors, and calls into the backend's own (XNNPACK-backed) kernels.
 *
 * Views must be taken after the last allocation of a kernel: any `makeOutput` may grow
 * the WASM memory, which detaches earlier views.
 */
import { getKernel } from '@tensorflow/tfjs';
import type {
  DataType,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Arguments every kernel function receives from the engine. */
export type KernelArgs = Parameters<KernelFunc>[0];

/** Narrows the engine's untyped backend to the WASM backend (checked, not cast blindly). */
export function wasmBackend(backend: unknown): BackendWasm {
  const b = backend as Partial<BackendWasm> | null;
  if (typeof b?.typedArrayFromHeap !== 'function' || typeof b.makeOutput !== 'function') {
    throw new Error('This kernel only runs on the tfjs WASM backend.');
  }
  return backend as BackendWasm;
}

/** Fetches a named input, failing loudly when the engine did not pass it. */
export function input(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`Missing kernel input '${name}'.`);
  return t;
}

/** Byte offset of a tensor's data in the WASM heap. */
export function byteOffset(backend: BackendWasm, t: TensorInfo): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (data === undefined) throw new Error('Tensor is not on the WASM heap.');
  return data.memoryOffset;
}

/** The WASM heap as it is now (take it after the kernel's last allocation). */
export function heapBuffer(backend: BackendWasm): ArrayBufferLike {
  return (backend.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer;
}

/** A float32 view on a tensor's bytes in the WASM heap. */
export function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`Expected a float32 tensor, got ${t.dtype}.`);
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** A view on a tensor of any numeric dtype in the WASM heap. */
export function numeric(
  backend: BackendWasm,
  t: TensorInfo,
): Float32Array | Int32Array | Uint8Array {
  return backend.typedArrayFromHeap(t);
}

/** Allocates an output tensor on the heap. Its contents are undefined, not zero. */
export function alloc(
  backend: BackendWasm,
  shape: number[],
  dtype: DataType = 'float32',
): TensorInfo {
  return backend.makeOutput(shape, dtype);
}

/** The same data seen with another shape of equal size (no copy, no new reference). */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/** Releases temporaries created inside a kernel. */
export function release(backend: BackendWasm, ...ts: TensorInfo[]): void {
  for (const t of ts) backend.disposeData(t.dataId);
}

/**
 * Runs another kernel registered for the WASM backend (Conv2D, BatchMatMul, Transpose,
 * Slice, ...) and returns its single output, which the caller owns.
 */
export function runWasm(
  backend: BackendWasm,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel === undefined) throw new Error(`Kernel '${kernelName}' is not registered for wasm.`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`Kernel '${kernelName}' returned several outputs.`);
  return out;
}

/**
 * A tensor registered on memory inside `base` (from element `offset` on), so backend
 * kernels can read a shifted window without a copy. It owns no memory: release it with
 * `releaseAlias`, never `release` (which would free `base`'s allocation from its middle).
 */
export function alias(
  backend: BackendWasm,
  base: TensorInfo,
  offset: number,
  shape: number[],
): TensorInfo {
  const data = backend.dataIdMap.get(base.dataId);
  if (data === undefined || base.dtype !== 'float32')
    throw new Error('Can only alias float32 heap tensors.');
  return backend.makeOutput(
    shape,
    'float32',
    data.memoryOffset + offset * Float32Array.BYTES_PER_ELEMENT,
  );
}

/** Unregisters a tensor made by `alias`, leaving the memory it points into alone. */
export function releaseAlias(backend: BackendWasm, t: TensorInfo): void {
  const data = backend.dataIdMap.get(t.dataId);
  if (data === undefined) return;
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(t.dataId);
}
