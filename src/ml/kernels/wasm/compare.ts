/**
 * Broadcasting comparisons (Equal, Greater, ...) for the WASM backend. The stock kernels
 * are fast for equal shapes but take ~120 ns per element when one side broadcasts, as in
 * "x == max(x, axis, keepDims)" of ENet's pooling indices. Equal shapes still go to the
 * stock kernels.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { alloc, input, numeric, wasmBackend } from './heap';

type Heap = Float32Array | Int32Array | Uint8Array;

/** The comparison kernels this module provides. */
export type Comparison = 'Equal' | 'NotEqual' | 'Greater' | 'GreaterEqual' | 'Less' | 'LessEqual';

/** One broadcast row: out[o + k] = a[ia + k*sa] OP b[ib + k*sb]. */
function compareRow(
  op: Comparison,
  a: Heap,
  ia: number,
  sa: number,
  b: Heap,
  ib: number,
  sb: number,
  out: Uint8Array,
  o: number,
  n: number,
): void {
  switch (op) {
    case 'Equal':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] === b[ib] ? 1 : 0;
      return;
    case 'NotEqual':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] !== b[ib] ? 1 : 0;
      return;
    case 'Greater':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] > b[ib] ? 1 : 0;
      return;
    case 'GreaterEqual':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] >= b[ib] ? 1 : 0;
      return;
    case 'Less':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] < b[ib] ? 1 : 0;
      return;
    case 'LessEqual':
      for (let k = 0; k < n; k++, ia += sa, ib += sb) out[o + k] = a[ia] <= b[ib] ? 1 : 0;
      return;
  }
}

/** Per-axis element strides of `shape` read through broadcasting to `outShape`. */
function broadcastStrides(shape: number[], outShape: number[]): number[] {
  const padded = [...new Array<number>(outShape.length - shape.length).fill(1), ...shape];
  const strides = new Array<number>(outShape.length).fill(0);
  let step = 1;
  for (let i = outShape.length - 1; i >= 0; i--) {
    strides[i] = padded[i] === 1 ? 0 : step;
    step *= padded[i];
  }
  return strides;
}

/** Comparison kernel `op`; the stock kernel `fallback` keeps the equal-shape case. */
export function makeComparison(op: Comparison, fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const a = input(args.inputs, 'a');
    const b = input(args.inputs, 'b');
    const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
    if (same || a.dtype !== b.dtype || a.dtype === 'string' || a.dtype === 'complex64') {
      if (fallback === undefined) throw new Error(`Unsupported ${op}.`);
      return fallback(args);
    }
    const backend = wasmBackend(args.backend);
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = alloc(backend, outShape, 'bool');
    const rank = outShape.length;
    const n = rank === 0 ? 1 : outShape[rank - 1];
    const rows = n === 0 ? 0 : outShape.reduce((p, d) => p * d, 1) / n;
    const sa = broadcastStrides(a.shape, outShape);
    const sb = broadcastStrides(b.shape, outShape);
    const av = numeric(backend, a);
    const bv = numeric(backend, b);
    const ov = numeric(backend, out) as Uint8Array;
    const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
    let ia = 0;
    let ib = 0;
    for (let r = 0; r < rows; r++) {
      compareRow(op, av, ia, sa[rank - 1] ?? 0, bv, ib, sb[rank - 1] ?? 0, ov, r * n, n);
      // Odometer over the leading axes, moving both read offsets along.
      for (let axis = rank - 2; axis >= 0; axis--) {
        index[axis]++;
        ia += sa[axis];
        ib += sb[axis];
        if (index[axis] < outShape[axis]) break;
        ia -= sa[axis] * outShape[axis];
        ib -= sb[axis] * outShape[axis];
        index[axis] = 0;
      }
    }
    return out;
  };
}
