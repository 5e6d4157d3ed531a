/**
 * Faster WASM versions of the data-movement kernels a U-Net runs at every skip
 * connection. The stock ones copy through JavaScript in ways that dominate for
 * channel-axis work on NHWC tensors: Identity copies the tensor (cpu and webgl share it),
 * SplitV reads the whole input out of the heap once per piece, and Concat makes two
 * typed-array views per pixel. These copy rows straight between heap views, split by rows
 * over the kernel threads when there are many.
 */
import { backend_util, util } from '@tensorflow/tfjs';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { alloc, byteOffset, heapBuffer, input, numeric, wasmBackend } from './heap';
import type { KernelArgs } from './heap';
import { TASK } from './parallel-tasks';
import { kernelPool, sharesFor } from './pool';

type Heap = Float32Array | Int32Array | Uint8Array;

/** Where a strided block of rows is copied from and to, in elements. */
interface RowBlock {
  src: TensorInfo;
  from: number;
  dst: TensorInfo;
  to: number;
  count: number;
  length: number;
  srcStride: number;
  dstStride: number;
}

/**
 * Copies the rows of `b`: 4-byte elements split by rows over the kernel threads, others
 * (bool) here. Returns false, copying nothing, when the block is for the caller's loop.
 */
function copyBlock(backend: BackendWasm, b: RowBlock): boolean {
  if (b.src.dtype === 'bool') return false;
  const pool = kernelPool();
  const parts = Math.min(sharesFor(pool, b.count * b.length), b.count);
  if (parts < 2) return false;
  const args = [
    byteOffset(backend, b.src) + b.from * 4,
    byteOffset(backend, b.dst) + b.to * 4,
    ...[b.count, b.length, b.srcStride, b.dstStride],
  ];
  pool.run(TASK.copyRows, args, parts, heapBuffer(backend));
  return true;
}

/** Below this many elements a loop beats `subarray` + `set` (two allocations per call). */
const SHORT_ROW = 64;

function copyRow(src: Heap, from: number, dst: Heap, to: number, length: number): void {
  if (length >= SHORT_ROW) {
    dst.set(src.subarray(from, from + length), to);
    return;
  }
  for (let k = 0; k < length; k++) dst[to + k] = src[from + k];
}

function axisOf(axis: unknown, shape: number[]): number {
  return util.parseAxisParam(axis as number | number[], shape)[0];
}

/**
 * Identity that shares the input's heap buffer (reference counted), as the cpu and webgl
 * backends do; tensors are immutable, so no copy is needed.
 */
export function makeIdentity(fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const x = input(args.inputs, 'x');
    if (x.dtype === 'string') {
      if (fallback === undefined) throw new Error('Identity of string tensors is unsupported.');
      return fallback(args);
    }
    wasmBackend(args.backend).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/** Concat that copies each input's rows directly between heap views. */
export function makeConcat(fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const all = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    const first = all[0];
    const uniform = first !== undefined && all.every((t) => t.dtype === first.dtype);
    if (!uniform || first.dtype === 'string' || first.dtype === 'complex64') {
      if (fallback === undefined) throw new Error('Unsupported Concat inputs.');
      return fallback(args);
    }
    const backend = wasmBackend(args.backend);
    const axis = axisOf(args.attrs?.axis, first.shape);
    backend_util.assertParamsConsistent(
      all.map((t) => t.shape),
      axis,
    );
    const outShape = backend_util.computeOutShape(
      all.map((t) => t.shape),
      axis,
    );
    const parts = all.filter((t) => util.sizeFromShape(t.shape) > 0);
    const out = alloc(backend, outShape, first.dtype);
    if (parts.length === 0) return out;
    const outer = util.sizeFromShape(outShape.slice(0, axis));
    const rowOut = util.sizeFromShape(outShape.slice(axis));
    const dst = numeric(backend, out);
    let offset = 0;
    for (const part of parts) {
      const row = util.sizeFromShape(part.shape.slice(axis));
      const block = { src: part, from: 0, dst: out, to: offset, count: outer, length: row };
      if (!copyBlock(backend, { ...block, srcStride: row, dstStride: rowOut })) {
        const src = numeric(backend, part);
        for (let o = 0; o < outer; o++) copyRow(src, o * row, dst, o * rowOut + offset, row);
      }
      offset += row;
    }
    return out;
  };
}

/** SplitV that copies each piece's rows directly between heap views. */
export function makeSplitV(fallback: KernelFunc | undefined): KernelFunc {
  return (args: KernelArgs) => {
    const x = input(args.inputs, 'x');
    if (x.dtype === 'string' || x.dtype === 'complex64') {
      if (fallback === undefined) throw new Error('Unsupported SplitV input.');
      return fallback(args);
    }
    const backend = wasmBackend(args.backend);
    const attrs = args.attrs ?? {};
    const axis = axisOf(attrs.axis, x.shape);
    const sizes = backend_util.prepareSplitSize(
      x,
      attrs.numOrSizeSplits as number | number[],
      axis,
    );
    const outer = util.sizeFromShape(x.shape.slice(0, axis));
    const inner = util.sizeFromShape(x.shape.slice(axis + 1));
    const rowIn = x.shape[axis] * inner;
    const outs: TensorInfo[] = [];
    let begin = 0;
    for (const size of sizes) {
      const shape = [...x.shape];
      shape[axis] = size;
      outs.push(alloc(backend, shape, x.dtype));
    }
    // Views after the last allocation: growing the heap detaches earlier ones.
    const src = numeric(backend, x);
    sizes.forEach((size, i) => {
      const row = size * inner;
      const block = { src: x, from: begin * inner, dst: outs[i], to: 0, count: outer, length: row };
      if (!copyBlock(backend, { ...block, srcStride: rowIn, dstStride: row })) {
        const dst = numeric(backend, outs[i]);
        for (let o = 0; o < outer; o++) copyRow(src, o * rowIn + begin * inner, dst, o * row, row);
      }
      begin += size;
    });
    return outs;
  };
}
