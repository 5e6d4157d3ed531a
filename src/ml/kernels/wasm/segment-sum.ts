/**
 * UnsortedSegmentSum for the WASM backend, which lacks it; tfjs uses it for the gradient
 * of `gather` (embedding-style lookups, index-based unpooling). Rows whose id falls
 * outside [0, numSegments) are dropped, as in TensorFlow.
 */
import { util } from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { alloc, input, numeric, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

/** Kernel function registered as `UnsortedSegmentSum` on the WASM backend. */
export function unsortedSegmentSum({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const ids = input(inputs, 'segmentIds');
  const numSegments = attrs.numSegments;
  if (typeof numSegments !== 'number' || !Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error('UnsortedSegmentSum needs a non-negative integer numSegments.');
  }
  if (ids.shape.length !== 1 || ids.shape[0] !== x.shape[0]) {
    throw new Error(`UnsortedSegmentSum expects 1-D segment ids of length ${x.shape[0]}.`);
  }
  const rowSize = util.sizeFromShape(x.shape.slice(1));
  const out = alloc(wasm, [numSegments, ...x.shape.slice(1)], x.dtype);
  const dst = numeric(wasm, out);
  const src = numeric(wasm, x);
  const seg = numeric(wasm, ids);
  dst.fill(0);
  for (let r = 0; r < ids.shape[0]; r++) {
    const id = seg[r];
    if (id < 0 || id >= numSegments) continue;
    const s = r * rowSize;
    const d = id * rowSize;
    for (let k = 0; k < rowSize; k++) dst[d + k] += src[s + k];
  }
  return out;
}
