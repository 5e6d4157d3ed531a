/**
 * SpaceToBatchND and BatchToSpaceND for 4-D NHWC tensors with a 2-D block, as used by
 * dilated convolutions written as spaceToBatch -> conv -> batchToSpace (tfjs has no
 * gradient for dilated conv2d). The stock kernels pad, transpose a rank-6 view and, for
 * BatchToSpaceND, read the whole tensor back into JavaScript to slice it; these copy each
 * pixel's channel row once. Other ranks go to the stock kernels.
 *
 * Layout (TensorFlow's): batch index (i * blockW + j) * B + b of the batched tensor holds
 * the pixels (h * blockH + i, w * blockW + j) of the padded image b.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { alloc, input, numeric, wasmBackend } from './heap';

type Heap = Float32Array | Int32Array | Uint8Array;
type Pairs = [[number, number], [number, number]];

interface Geometry {
  /** Image batch, padded image height and width, channels. */
  B: number;
  H: number;
  W: number;
  C: number;
  bh: number;
  bw: number;
  /** Top and left padding (space-to-batch) or crop (batch-to-space). */
  top: number;
  left: number;
  /** Unpadded (space side) image height and width. */
  h: number;
  w: number;
}

function copyRow(src: Heap, from: number, dst: Heap, to: number, n: number): void {
  for (let k = 0; k < n; k++) dst[to + k] = src[from + k];
}

/**
 * Walks every pixel of the batched tensor: `visit(batchedOffset, imageOffset)`, with the
 * image offset -1 for pixels in the padding. Offsets point at channel 0.
 */
function forEachPixel(g: Geometry, visit: (batched: number, image: number) => void): void {
  const Hq = g.H / g.bh;
  const Wq = g.W / g.bw;
  let batched = 0;
  for (let i = 0; i < g.bh; i++) {
    for (let j = 0; j < g.bw; j++) {
      for (let b = 0; b < g.B; b++) {
        for (let hq = 0; hq < Hq; hq++) {
          const y = hq * g.bh + i - g.top;
          for (let wq = 0; wq < Wq; wq++, batched += g.C) {
            const x = wq * g.bw + j - g.left;
            const inside = y >= 0 && y < g.h && x >= 0 && x < g.w;
            visit(batched, inside ? ((b * g.h + y) * g.w + x) * g.C : -1);
          }
        }
      }
    }
  }
}

function block(attrs: Record<string, unknown> | undefined): [number, number] | null {
  const s = attrs?.blockShape;
  return Array.isArray(s) && s.length === 2 ? [Number(s[0]), Number(s[1])] : null;
}

function pairs(v: unknown): Pairs | null {
  if (!Array.isArray(v) || v.length !== 2) return null;
  const flat = (v as unknown[]).flatMap((p) => (Array.isArray(p) ? p.map(Number) : [NaN, NaN]));
  return flat.length === 4 && flat.every(Number.isInteger)
    ? [
        [flat[0], flat[1]],
        [flat[2], flat[3]],
      ]
    : null;
}

function usable(x: TensorInfo): boolean {
  return x.shape.length === 4 && x.dtype !== 'string' && x.dtype !== 'complex64';
}

function run(
  backend: BackendWasm,
  x: TensorInfo,
  outShape: number[],
  g: Geometry,
  toBatch: boolean,
): TensorInfo {
  const out = alloc(backend, outShape, x.dtype);
  const src = numeric(backend, x);
  const dst = numeric(backend, out);
  if (toBatch) {
    forEachPixel(g, (batched, image) => {
      if (image < 0) dst.fill(0, batched, batched + g.C);
      else copyRow(src, image, dst, batched, g.C);
    });
  } else {
    forEachPixel(g, (batched, image) => {
      if (image >= 0) copyRow(src, batched, dst, image, g.C);
    });
  }
  return out;
}

/** SpaceToBatchND kernel (4-D, 2-D block); other cases go to `fallback`. */
export function makeSpaceToBatch(fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const x = input(args.inputs, 'x');
    const bs = block(args.attrs);
    const pad = pairs(args.attrs?.paddings);
    if (!usable(x) || bs === null || pad === null) {
      if (fallback === undefined) throw new Error('Unsupported SpaceToBatchND.');
      return fallback(args);
    }
    const [B, h, w, C] = x.shape;
    const [bh, bw] = bs;
    const H = h + pad[0][0] + pad[0][1];
    const W = w + pad[1][0] + pad[1][1];
    if (H % bh !== 0 || W % bw !== 0)
      throw new Error('SpaceToBatchND: padded size must divide by the block.');
    const g = { B, H, W, C, bh, bw, top: pad[0][0], left: pad[1][0], h, w };
    return run(wasmBackend(args.backend), x, [B * bh * bw, H / bh, W / bw, C], g, true);
  };
}

/** BatchToSpaceND kernel (4-D, 2-D block); other cases go to `fallback`. */
export function makeBatchToSpace(fallback: KernelFunc | undefined): KernelFunc {
  return (args) => {
    const x = input(args.inputs, 'x');
    const bs = block(args.attrs);
    const crop = pairs(args.attrs?.crops);
    if (!usable(x) || bs === null || crop === null) {
      if (fallback === undefined) throw new Error('Unsupported BatchToSpaceND.');
      return fallback(args);
    }
    const [bh, bw] = bs;
    const [N, Hq, Wq, C] = x.shape;
    const B = N / (bh * bw);
    const [H, W] = [Hq * bh, Wq * bw];
    const h = H - crop[0][0] - crop[0][1];
    const w = W - crop[1][0] - crop[1][1];
    const g = { B, H, W, C, bh, bw, top: crop[0][0], left: crop[1][0], h, w };
    return run(wasmBackend(args.backend), x, [B, h, w, C], g, false);
  };
}
