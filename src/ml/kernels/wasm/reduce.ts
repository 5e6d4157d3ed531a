/**
 * Sum and Mean over the leading axes of NHWC tensors for the WASM backend: every bias
 * gradient and every batch-norm statistic is one. The stock kernels first transpose the
 * tensor so that the reduced axes come last; these add whole rows of channels in memory
 * order instead, in float64, each channel in the cpu backend's order (so results equal
 * the cpu backend's). With kernel threads, each thread sums a block of rows and the
 * blocks' float64 sums are added in order. Other reductions, and fewer than 8 channels
 * (where the stock kernels are faster), go to the stock kernels.
 */
import { backend_util, util } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { alloc, byteOffset, f32, heapBuffer, input, release, wasmBackend } from './heap';
import { TASK } from './parallel-tasks';
import { kernelPool, sharesFor } from './pool';

const MIN_CHANNELS = 8;

/** k when `axes` is exactly [0, 1, ..., k-1] with 0 < k < rank, else 0. */
function leadingAxes(axes: number[], rank: number): number {
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  const isPrefix = sorted.every((a, i) => a === i);
  return isPrefix && sorted.length > 0 && sorted.length < rank ? sorted.length : 0;
}

function makeReduction(mean: boolean, fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const x = input(args.inputs, 'x');
    const attrs = args.attrs ?? {};
    const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const k = leadingAxes(axes, x.shape.length);
    const inner = util.sizeFromShape(x.shape.slice(k));
    if (x.dtype !== 'float32' || k === 0 || inner < MIN_CHANNELS) {
      if (fallback === undefined) throw new Error(`Unsupported ${mean ? 'Mean' : 'Sum'}.`);
      return fallback(args);
    }
    const backend = wasmBackend(args.backend);
    const kept = x.shape.slice(k);
    const out = alloc(
      backend,
      attrs.keepDims === true ? backend_util.expandShapeToKeepDim(kept, axes) : kept,
    );
    const rows = util.sizeFromShape(x.shape.slice(0, k));
    const pool = kernelPool();
    const parts = sharesFor(pool, rows * inner);
    // float64 partial sums: [parts, inner], two float32 slots each.
    const scratch = alloc(backend, [parts * inner * 2]);
    const heap = heapBuffer(backend);
    const at = byteOffset(backend, scratch);
    pool.run(TASK.sumRows, [byteOffset(backend, x), at, rows, inner], parts, heap);
    const partial = new Float64Array(heap, at, parts * inner);
    const dst = f32(backend, out);
    for (let i = 0; i < inner; i++) {
      let s = partial[i];
      for (let p = 1; p < parts; p++) s += partial[p * inner + i];
      // The cpu backend's Mean divides the float32 sum.
      dst[i] = mean ? Math.fround(s) / rows : s;
    }
    release(backend, scratch);
    return out;
  };
}

/** Sum kernel: leading-axes float32 reductions here, the rest to `fallback`. */
export const makeSum = (fallback: KernelFunc | undefined): KernelFunc =>
  makeReduction(false, fallback);

/** Mean kernel: leading-axes float32 reductions here, the rest to `fallback`. */
export const makeMean = (fallback: KernelFunc | undefined): KernelFunc =>
  makeReduction(true, fallback);
