/**
 * Conv2DBackpropInput for the WASM backend. The backend's own kernel is a scalar loop
 * (about 0.2 GFLOP/s here, 65% of a U-Net training step); this one reaches the speed of
 * the forward convolution:
 * - stride 1: dx is a convolution of dy with the flipped, in/out-swapped filter, run on
 *   the backend's XNNPACK Conv2D;
 * - other strides (conv2dTranspose, strided convolutions): dy @ W^T on XNNPACK's matmul
 *   gives every pixel's contribution to each filter tap, then a col2im pass adds them up
 *   (split by channels over the kernel threads).
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, shapeAttr } from './conv-geometry';
import type { ConvGeometry } from './conv-geometry';
import { alloc, byteOffset, f32, heapBuffer, input, release, runWasm, view } from './heap';
import { wasmBackend, type KernelArgs } from './heap';
import { TASK } from './parallel-tasks';
import { kernelPool, sharesFor } from './pool';

/** Kernel function registered as `Conv2DBackpropInput` on the WASM backend. */
export function conv2DBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const g = convGeometry(shapeAttr(attrs, 'inputShape'), filter.shape, attrs);
  return inputGradient(wasm, dy, filter, g);
}

/** dx for the convolution described by `g`, from dy and the filter [KH,KW,C,O]. */
function inputGradient(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  const flipTop = g.effectiveFilterHeight - 1 - g.padInfo.top;
  const flipBottom = g.effectiveFilterHeight - 1 - g.padInfo.bottom;
  const flipLeft = g.effectiveFilterWidth - 1 - g.padInfo.left;
  const flipRight = g.effectiveFilterWidth - 1 - g.padInfo.right;
  const stride1 = g.strideHeight === 1 && g.strideWidth === 1;
  if (stride1 && Math.min(flipTop, flipBottom, flipLeft, flipRight) >= 0 && g.batchSize > 0) {
    const flipped = flippedFilter(backend, filter, g);
    const dx = runWasm(
      backend,
      'Conv2D',
      { x: dy, filter: flipped },
      {
        strides: 1,
        dilations: [g.dilationHeight, g.dilationWidth],
        pad: [
          [0, 0],
          [flipTop, flipBottom],
          [flipLeft, flipRight],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
    );
    release(backend, flipped);
    return dx;
  }
  return viaMatMul(backend, dy, filter, g);
}

/** W[KH-1-kh, KW-1-kw, c, o] stored as [KH, KW, O, C]. */
function flippedFilter(backend: BackendWasm, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const { filterHeight: KH, filterWidth: KW, inChannels: C, outChannels: O } = g;
  const out = alloc(backend, [KH, KW, O, C]);
  const src = f32(backend, filter);
  const dst = f32(backend, out);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const s0 = ((KH - 1 - kh) * KW + (KW - 1 - kw)) * C * O;
      const d0 = (kh * KW + kw) * O * C;
      for (let c = 0; c < C; c++) {
        for (let o = 0; o < O; o++) dst[d0 + o * C + c] = src[s0 + c * O + o];
      }
    }
  }
  return out;
}

function viaMatMul(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  const { batchSize: B, outHeight: OH, outWidth: OW, outChannels: O } = g;
  const taps = g.filterHeight * g.filterWidth * g.inChannels;
  const pixels = B * OH * OW;
  // W^T as [O, KH*KW*C]: the matmul's weights operand must not need a transpose.
  const wT = alloc(backend, [1, O, taps]);
  const src = f32(backend, filter);
  const dst = f32(backend, wT);
  for (let t = 0; t < taps; t++) {
    for (let o = 0; o < O; o++) dst[o * taps + t] = src[t * O + o];
  }
  const cols =
    pixels > 0
      ? runWasm(
          backend,
          'BatchMatMul',
          { a: view(dy, [1, pixels, O]), b: wT },
          { transposeA: false, transposeB: false },
        )
      : null;
  release(backend, wT);
  const dx = alloc(backend, g.inShape);
  f32(backend, dx).fill(0);
  if (cols !== null) {
    col2im(backend, cols, dx, g);
    release(backend, cols);
  }
  return dx;
}

/**
 * Adds each output pixel's per-tap rows `cols[p, kh, kw, :]` into dx, split by channels
 * over the kernel threads.
 */
function col2im(backend: BackendWasm, cols: TensorInfo, dx: TensorInfo, g: ConvGeometry): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const pool = kernelPool();
  const args = [
    ...[byteOffset(backend, cols), byteOffset(backend, dx), B, H, W, C, OH, OW],
    ...[g.filterHeight, g.filterWidth, g.strideHeight, g.strideWidth],
    ...[g.dilationHeight, g.dilationWidth, g.padInfo.top, g.padInfo.left],
  ];
  const work = B * OH * OW * g.filterHeight * g.filterWidth * C;
  const parts = Math.min(sharesFor(pool, work), Math.floor(C / 4) || 1);
  pool.run(TASK.col2im, args, parts, heapBuffer(backend));
}
