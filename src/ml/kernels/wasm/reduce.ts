/**
 * Sum and Mean over the leading axes of NHWC tensors for the WASM backend: every bias
 * gradient and every batch-norm statistic is one. The stock kernels first transpose the
 * tensor so that the reduced axes come last; these walk each channel with a stride
 * instead, accumulating in float64 in the cpu backend's order (so results equal the cpu
 * backend's). Other reductions, and fewer than 8 channels (where the stock kernels are
 * faster), go to the stock kernels.
 */
import { backend_util, util } from '@tensorflow/tfjs';
import type { KernelFunc } from '@tensorflow/tfjs';
import { alloc, f32, input, wasmBackend } from './heap';

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
    const src = f32(backend, x);
    const dst = f32(backend, out);
    for (let i = 0; i < inner; i++) {
      let s = 0;
      for (let r = 0, at = i; r < rows; r++, at += inner) s += src[at];
      // The cpu backend's Mean divides the float32 sum.
      dst[i] = mean ? Math.fround(s) / rows : s;
    }
    return out;
  };
}

/** Sum kernel: leading-axes float32 reductions here, the rest to `fallback`. */
export const makeSum = (fallback: KernelFunc | undefined): KernelFunc =>
  makeReduction(false, fallback);

/** Mean kernel: leading-axes float32 reductions here, the rest to `fallback`. */
export const makeMean = (fallback: KernelFunc | undefined): KernelFunc =>
  makeReduction(true, fallback);
