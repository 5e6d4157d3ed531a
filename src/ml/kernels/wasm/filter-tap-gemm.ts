/**
 * Filter gradient of a stride-1 convolution as one matrix product per filter tap, on the
 * backend's XNNPACK GEMM (about 25 GFLOP/s here), without an im2col buffer.
 *
 * Pad x to the grid the convolution reads (Hp x Wp per image) and pad dy to the same
 * grid with zeros. In the flattened grid, tap (kh, kw) reads x at a fixed offset
 * kh*dh*Wp + kw*dw from each output position, so with x stored channel-major
 * (xT: [C, B*Hp*Wp]) the tap's operand is xT itself, shifted by that offset:
 *   dW[kh,kw] = xT[:, off : off + N] @ dyPadded[N, O]
 * Positions outside the real output hold dy = 0, so whatever the shifted window reads
 * there (the next channel's row, or a zero tail channel) adds nothing. dyPadded is
 * packed by XNNPACK once and reused for every tap.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { ConvGeometry } from './conv-geometry';
import { alias, alloc, f32, release, releaseAlias, runWasm, view } from './heap';

/** Below this many input channels, one tall product over all taps beats per-tap ones. */
const MIN_CHANNELS_PER_TAP = 4;

function matMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runWasm(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}

/** Whether `tapGemmFilterGradient` handles this convolution. */
export function tapGemmApplies(g: ConvGeometry): boolean {
  return (
    g.strideHeight === 1 &&
    g.strideWidth === 1 &&
    g.batchSize > 0 &&
    g.outHeight > 0 &&
    g.outWidth > 0
  );
}

/** dW [KH, KW, C, O] of a stride-1 convolution (any padding and dilation). */
export function tapGemmFilterGradient(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outChannels: O } = g;
  const { filterHeight: KH, filterWidth: KW, dilationHeight: dh, dilationWidth: dw } = g;
  const Hp = g.outHeight + (KH - 1) * dh;
  const Wp = g.outWidth + (KW - 1) * dw;
  const N = B * Hp * Wp;
  const offsets: number[] = [];
  for (let kh = 0; kh < KH; kh++)
    for (let kw = 0; kw < KW; kw++) offsets.push(kh * dh * Wp + kw * dw);
  const shifted = offsets[offsets.length - 1] > 0;

  // x on the grid, channel-major, plus one zero channel as tail for the last shifted row.
  const xPadded = runWasm(
    backend,
    'PadV2',
    { x },
    {
      paddings: [
        [0, 0],
        [g.padInfo.top, Hp - H - g.padInfo.top],
        [g.padInfo.left, Wp - W - g.padInfo.left],
        [0, shifted ? 1 : 0],
      ],
      constantValue: 0,
    },
  );
  const xT = runWasm(backend, 'Transpose', { x: xPadded }, { perm: [3, 0, 1, 2] });
  release(backend, xPadded);
  // Always a fresh tensor, even when no padding is needed: the backend caches packed
  // matmul weights by tensor id alone, whatever shape the id is later viewed with.
  const gridDy = runWasm(
    backend,
    'PadV2',
    { x: dy },
    {
      paddings: [
        [0, 0],
        [0, Hp - g.outHeight],
        [0, Wp - g.outWidth],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  const dyN = view(gridDy, [1, N, O]);

  let out: TensorInfo;
  if (C < MIN_CHANNELS_PER_TAP) {
    // Few channels: stack all taps' shifted rows into one [KH*KW*C, N] operand.
    const stacked = alloc(backend, [1, offsets.length * C, N]);
    const dst = f32(backend, stacked);
    const src = f32(backend, xT);
    offsets.forEach((off, t) => {
      for (let c = 0; c < C; c++)
        dst.set(src.subarray(c * N + off, c * N + off + N), (t * C + c) * N);
    });
    out = view(matMul(backend, stacked, dyN), [KH, KW, C, O]);
    release(backend, stacked);
  } else {
    out = alloc(backend, [KH, KW, C, O]);
    const parts = offsets.map((off) => {
      const window = alias(backend, xT, off, [1, C, N]);
      const part = matMul(backend, window, dyN);
      releaseAlias(backend, window);
      return part;
    });
    const dst = f32(backend, out);
    parts.forEach((part, t) => {
      dst.set(f32(backend, part), t * C * O);
      release(backend, part);
    });
  }
  release(backend, xT);
  release(backend, gridDy);
  return out;
}
