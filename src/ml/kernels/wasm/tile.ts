/**
 * Tile for the WASM backend. The batch-norm gradient tiles per-channel vectors to the
 * full activation shape several times per layer, and the stock kernel computes an index
 * per element (about 70 ns each, over a second per ENet step at 128x128). This one copies
 * each input row once and then repeats whole blocks with doubling `copyWithin` calls.
 */
import { util } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { alloc, input, numeric, wasmBackend } from './heap';

type Heap = Float32Array | Int32Array | Uint8Array;

/** Repeats dst[start, start + block) so that it fills `times` consecutive blocks. */
function repeatBlock(dst: Heap, start: number, block: number, times: number): void {
  const total = block * times;
  for (let filled = block; filled < total; ) {
    const n = Math.min(filled, total - filled);
    dst.copyWithin(start + filled, start, start + n);
    filled += n;
  }
}

/** Kernel function for `Tile`: stock kernel kept for string tensors. */
export function makeTile(fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const x = input(args.inputs, 'x');
    const reps = args.attrs?.reps as number[] | undefined;
    if (x.dtype === 'string' || x.dtype === 'complex64' || reps?.length !== x.shape.length) {
      if (fallback === undefined) throw new Error('Unsupported Tile.');
      return fallback(args);
    }
    const backend = wasmBackend(args.backend);
    const shape = x.shape.map((d, i) => d * reps[i]);
    const out = alloc(backend, shape, x.dtype);
    if (util.sizeFromShape(shape) === 0) return out;
    const src = numeric(backend, x);
    const dst = numeric(backend, out);
    const rank = shape.length;
    if (rank === 0) {
      dst[0] = src[0];
      return out;
    }
    // Elements per index of axis i, in the output (later axes tiled) and in the input.
    const outBlock = new Array<number>(rank).fill(1);
    const inBlock = new Array<number>(rank).fill(1);
    for (let i = rank - 2; i >= 0; i--) {
      outBlock[i] = outBlock[i + 1] * shape[i + 1];
      inBlock[i] = inBlock[i + 1] * x.shape[i + 1];
    }
    const fill = (axis: number, from: number, to: number): void => {
      const d = x.shape[axis];
      if (axis === rank - 1) {
        if (d >= 64) dst.set(src.subarray(from, from + d), to);
        else for (let k = 0; k < d; k++) dst[to + k] = src[from + k];
      } else {
        for (let k = 0; k < d; k++)
          fill(axis + 1, from + k * inBlock[axis], to + k * outBlock[axis]);
      }
      repeatBlock(dst, to, d * outBlock[axis], reps[axis]);
    };
    fill(0, 0, 0);
    return out;
  };
}
