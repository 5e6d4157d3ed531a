/**
 * Conv3DBackpropFilterV2 for the WASM backend: the filter gradient of a 3-D convolution
 * (and, with the roles of x and dy swapped, of a 3-D transposed convolution) as one
 * XNNPACK matrix product per filter tap, like the 2-D kernel (filter-tap-gemm.ts):
 *   dW[kd, kh, kw] = X_tap[C, N] @ dY[N, O]
 * - unit strides: x is laid channel-major on the padded grid the convolution reads
 *   (Dp x Hp x Wp per batch) and dy on the same grid with zeros outside the real output;
 *   then tap (kd, kh, kw) reads x at the fixed offset kd*dd*Hp*Wp + kh*dh*Wp + kw*dw
 *   from each grid position, so X_tap is a window of one buffer, without a copy;
 * - other strides: X_tap is gathered for each tap from the strided positions it reads.
 * With fewer than 4 input channels all taps are stacked into one taller product.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv3dPlan, shape5Attr, unitStrides, type ConvPlan3D } from './conv3d-geometry';
import { alias, alloc, f32, input, release, releaseAlias, runWasm, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

/** Below this many input channels, one tall product over all taps beats per-tap ones. */
const MIN_CHANNELS_PER_TAP = 4;

/** Kernel function registered as `Conv3DBackpropFilterV2` on the WASM backend. */
export function conv3DBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const plan = conv3dPlan(x.shape, shape5Attr(attrs, 'filterShape'), attrs);
  return filterGradient3d(wasm, x, dy, plan);
}

function matMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runWasm(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}

/** Tap offsets (kd, kh, kw order) on a grid of rows `Hp` x `Wp` per slice. */
function tapOffsets(p: ConvPlan3D, Hp: number, Wp: number): number[] {
  const out: number[] = [];
  const [dd, dh, dw] = p.dilations;
  for (let kd = 0; kd < p.filterDepth; kd++)
    for (let kh = 0; kh < p.filterHeight; kh++)
      for (let kw = 0; kw < p.filterWidth; kw++)
        out.push(kd * dd * Hp * Wp + kh * dh * Wp + kw * dw);
  return out;
}

/** dW [KD, KH, KW, C, O] of the convolution `p` from its input x and output gradient dy. */
export function filterGradient3d(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  p: ConvPlan3D,
): TensorInfo {
  const shape = [p.filterDepth, p.filterHeight, p.filterWidth, p.inChannels, p.outChannels];
  const voxels = p.batch * p.outDepth * p.outHeight * p.outWidth;
  if (voxels === 0) {
    const zeros = alloc(backend, shape);
    f32(backend, zeros).fill(0);
    return zeros;
  }
  const operands = unitStrides(p) ? onGrid(backend, x, dy, p) : gathered(backend, x, dy, p);
  const out = alloc(backend, shape);
  const { inChannels: C, outChannels: O } = p;
  const { rows, windows } = operands;
  const parts = windows.map((w) => {
    const part = matMul(backend, w, rows);
    operands.releaseWindow(w);
    return part;
  });
  const dst = f32(backend, out);
  parts.forEach((part, i) => {
    dst.set(f32(backend, part), i * C * O);
    release(backend, part);
  });
  operands.dispose();
  return out;
}

/** The matmul operands of every tap: a [1, N, O] dy and [1, C', N] x windows. */
interface Operands {
  rows: TensorInfo;
  /** One window per tap, or a single one stacking every tap's rows. */
  windows: TensorInfo[];
  releaseWindow(w: TensorInfo): void;
  dispose(): void;
}

/** Unit strides: x channel-major on the padded grid, windows shifted by the tap offsets. */
function onGrid(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, p: ConvPlan3D): Operands {
  const { batch: B, inDepth: D, inHeight: H, inWidth: W, inChannels: C, outChannels: O } = p;
  const [dd, dh, dw] = p.dilations;
  const Dp = p.outDepth + (p.filterDepth - 1) * dd;
  const Hp = p.outHeight + (p.filterHeight - 1) * dh;
  const Wp = p.outWidth + (p.filterWidth - 1) * dw;
  const N = B * Dp * Hp * Wp;
  const offsets = tapOffsets(p, Hp, Wp);
  const tail = offsets[offsets.length - 1];
  // One zero row past the last channel: the last tap's window of channel C-1 reads into it.
  const xT = alloc(backend, [C + 1, N]);
  const grid = alloc(backend, [1, N, O]);
  const xs = f32(backend, x);
  const gx = f32(backend, xT);
  gx.fill(0);
  for (let b = 0; b < B; b++) {
    for (let d = 0; d < D; d++) {
      const gd = d + p.pads.front;
      if (gd >= Dp) continue;
      for (let h = 0; h < H; h++) {
        const gh = h + p.pads.top;
        if (gh >= Hp) continue;
        const row = ((b * Dp + gd) * Hp + gh) * Wp + p.pads.left;
        const src = ((b * D + d) * H + h) * W * C;
        const last = Math.min(W, Wp - p.pads.left);
        for (let w = 0; w < last; w++)
          for (let c = 0; c < C; c++) gx[c * N + row + w] = xs[src + w * C + c];
      }
    }
  }
  const gdy = f32(backend, grid);
  const dys = f32(backend, dy);
  gdy.fill(0);
  const rowLength = p.outWidth * O;
  for (let b = 0; b < B; b++)
    for (let od = 0; od < p.outDepth; od++)
      for (let oh = 0; oh < p.outHeight; oh++) {
        const from = ((b * p.outDepth + od) * p.outHeight + oh) * p.outWidth * O;
        const to = ((b * Dp + od) * Hp + oh) * Wp * O;
        gdy.set(dys.subarray(from, from + rowLength), to);
      }
  if (tail > N) throw new Error('Conv3D filter gradient: tap offset past the grid.');
  if (C < MIN_CHANNELS_PER_TAP) {
    const stacked = alloc(backend, [1, offsets.length * C, N]);
    const dst = f32(backend, stacked);
    const src = f32(backend, xT);
    offsets.forEach((off, t) => {
      for (let c = 0; c < C; c++)
        dst.set(src.subarray(c * N + off, c * N + off + N), (t * C + c) * N);
    });
    release(backend, xT);
    return {
      rows: grid,
      windows: [stacked],
      releaseWindow: (w) => release(backend, w),
      dispose: () => release(backend, grid),
    };
  }
  return {
    rows: grid,
    windows: offsets.map((off) => alias(backend, xT, off, [1, C, N])),
    releaseWindow: (w) => releaseAlias(backend, w),
    dispose: () => release(backend, grid, xT),
  };
}

/** Other strides: each tap's strided reads of x gathered channel-major. */
function gathered(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, p: ConvPlan3D): Operands {
  const { batch: B, inDepth: D, inHeight: H, inWidth: W, inChannels: C } = p;
  const { outDepth: OD, outHeight: OH, outWidth: OW } = p;
  const [sd, sh, sw] = p.strides;
  const [dd, dh, dw] = p.dilations;
  const N = B * OD * OH * OW;
  // A fresh copy: XNNPACK caches packed operands by tensor id, whatever shape it is seen with.
  const rows = alloc(backend, [1, N, p.outChannels]);
  f32(backend, rows).set(f32(backend, dy));
  const windows: TensorInfo[] = [];
  for (let kd = 0; kd < p.filterDepth; kd++) {
    for (let kh = 0; kh < p.filterHeight; kh++) {
      for (let kw = 0; kw < p.filterWidth; kw++) {
        const tap = alloc(backend, [1, C, N]);
        const dst = f32(backend, tap);
        const xs = f32(backend, x);
        let n = 0;
        for (let b = 0; b < B; b++)
          for (let od = 0; od < OD; od++) {
            const id = od * sd - p.pads.front + kd * dd;
            for (let oh = 0; oh < OH; oh++) {
              const ih = oh * sh - p.pads.top + kh * dh;
              for (let ow = 0; ow < OW; ow++, n++) {
                const iw = ow * sw - p.pads.left + kw * dw;
                const inside = id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W;
                const s = inside ? (((b * D + id) * H + ih) * W + iw) * C : -1;
                for (let c = 0; c < C; c++) dst[c * N + n] = inside ? xs[s + c] : 0;
              }
            }
          }
        windows.push(tap);
      }
    }
  }
  return {
    rows,
    windows,
    releaseWindow: (w) => release(backend, w),
    dispose: () => release(backend, rows),
  };
}
