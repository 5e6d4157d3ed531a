/**
 * Conv3D for the WASM backend on XNNPACK's 2-D convolution. The stock kernel is a scalar
 * loop (0.4 GFLOP/s here: 2.4 s for one 16-channel layer of a 64x64x16 patch); this one
 * reaches the speed of the 2-D convolutions.
 *
 * A 3-D convolution is a 2-D one whose input channels are the KD depth taps: for output
 * slice od, stack the input slices od*sd - front + kd*dd (kd = 0..KD-1; zeros past the
 * volume's ends) as KD*C channels, and convolve that [KH, KW] in plane with the filter
 * rearranged to [KH, KW, KD*C, O]. All output slices of all batches go through one
 * XNNPACK call as a batch of B*OD images. The gradient kernels reuse it: with unit
 * strides, dx is this convolution of dy with the flipped, in/out-swapped filter.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { conv3dPlan, type ConvPlan3D } from './conv3d-geometry';
import { alloc, f32, input, release, runWasm, view, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

/** Kernel function registered as `Conv3D` on the WASM backend. */
export function conv3D({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const filter = input(inputs, 'filter');
  const plan = conv3dPlan(x.shape, filter.shape, attrs);
  const stacked = stackFilter(wasm, filter, plan);
  const y = stackedConv(wasm, x, stacked, plan);
  release(wasm, stacked);
  return y;
}

/** The [KD, KH, KW, C, O] filter as [KH, KW, KD*C, O], the layout {@link stackedConv} reads. */
export function stackFilter(backend: BackendWasm, filter: TensorInfo, p: ConvPlan3D): TensorInfo {
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW } = p;
  const block = p.inChannels * p.outChannels;
  const out = alloc(backend, [KH, KW, KD * p.inChannels, p.outChannels]);
  const src = f32(backend, filter);
  const dst = f32(backend, out);
  for (let kd = 0; kd < KD; kd++) {
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const from = ((kd * KH + kh) * KW + kw) * block;
        dst.set(src.subarray(from, from + block), ((kh * KW + kw) * KD + kd) * block);
      }
    }
  }
  return out;
}

/** Copies the depth taps of every output slice side by side as channels. */
function stackDepthTaps(x: Float32Array, out: Float32Array, p: ConvPlan3D): void {
  const { batch: B, inDepth: D, inChannels: C, outDepth: OD, filterDepth: KD } = p;
  const pixels = p.inHeight * p.inWidth;
  const width = KD * C;
  for (let b = 0; b < B; b++) {
    for (let od = 0; od < OD; od++) {
      const base = (b * OD + od) * pixels * width;
      for (let kd = 0; kd < KD; kd++) {
        const id = od * p.strides[0] - p.pads.front + kd * p.dilations[0];
        const to = base + kd * C;
        if (id < 0 || id >= D) {
          for (let i = 0; i < pixels; i++) out.fill(0, to + i * width, to + i * width + C);
          continue;
        }
        const from = (b * D + id) * pixels * C;
        if (C === 1) {
          for (let i = 0; i < pixels; i++) out[to + i * width] = x[from + i];
          continue;
        }
        for (let i = 0; i < pixels; i++) {
          const s = from + i * C;
          const d = to + i * width;
          for (let c = 0; c < C; c++) out[d + c] = x[s + c];
        }
      }
    }
  }
}

/**
 * The convolution `p` describes of x [B, D, H, W, C] with a filter already stacked by
 * {@link stackFilter} (or an equivalent [KH, KW, KD*C, O] layout); returns
 * [B, OD, OH, OW, O], owned by the caller.
 */
export function stackedConv(
  backend: BackendWasm,
  x: TensorInfo,
  stackedFilter: TensorInfo,
  p: ConvPlan3D,
): TensorInfo {
  const { batch: B, outDepth: OD, inHeight: H, inWidth: W, filterDepth: KD } = p;
  const outShape = [B, OD, p.outHeight, p.outWidth, p.outChannels];
  if (B * OD * p.outHeight * p.outWidth === 0) return alloc(backend, outShape);
  const taps = alloc(backend, [B * OD, H, W, KD * p.inChannels]);
  stackDepthTaps(f32(backend, x), f32(backend, taps), p);
  // XNNPACK takes no negative padding: rows a 'valid' stride leaves unread need none.
  const effH = (p.filterHeight - 1) * p.dilations[1] + 1;
  const effW = (p.filterWidth - 1) * p.dilations[2] + 1;
  const bottom = Math.max(0, (p.outHeight - 1) * p.strides[1] + effH - H - p.pads.top);
  const right = Math.max(0, (p.outWidth - 1) * p.strides[2] + effW - W - p.pads.left);
  const y = runWasm(
    backend,
    'Conv2D',
    { x: taps, filter: stackedFilter },
    {
      strides: [p.strides[1], p.strides[2]],
      dilations: [p.dilations[1], p.dilations[2]],
      pad: [
        [0, 0],
        [p.pads.top, bottom],
        [p.pads.left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  release(backend, taps);
  if (y.shape[1] !== p.outHeight || y.shape[2] !== p.outWidth) {
    release(backend, y);
    throw new Error(`Conv3D: in-plane output ${y.shape.join('x')} does not match the plan.`);
  }
  return view(y, outShape);
}
