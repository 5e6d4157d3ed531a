/**
 * Conv3DBackpropInputV2 for the WASM backend: the input gradient of a 3-D convolution,
 * which is also the forward pass of a 3-D transposed convolution (the up-path of a 3-D
 * U-Net or Tiramisu). The stock kernel is a scalar loop.
 * - unit strides: dx is the convolution of dy with the flipped, in/out-swapped filter and
 *   mirrored paddings, on the depth-stacked XNNPACK convolution (conv3d-forward.ts);
 * - other strides: dy @ W^T on XNNPACK's matmul gives every voxel's contribution to each
 *   filter tap, and a col2im pass adds them into place (as the 2-D kernel does).
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { stackedConv } from './conv3d-forward';
import { conv3dPlan, shape5Attr, tapsOf, unitStrides, type ConvPlan3D } from './conv3d-geometry';
import { alloc, f32, input, release, runWasm, view, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

/** Kernel function registered as `Conv3DBackpropInputV2` on the WASM backend. */
export function conv3DBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const plan = conv3dPlan(shape5Attr(attrs, 'inputShape'), filter.shape, attrs);
  return inputGradient3d(wasm, dy, filter, plan);
}

/** dx [B, D, H, W, C] of the convolution `p` from dy and its filter [KD, KH, KW, C, O]. */
export function inputGradient3d(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  p: ConvPlan3D,
): TensorInfo {
  const mirrored = mirroredPlan(p);
  if (unitStrides(p) && mirrored !== null && p.batch > 0) {
    const flipped = flippedStackedFilter(backend, filter, p);
    const dx = stackedConv(backend, dy, flipped, mirrored);
    release(backend, flipped);
    return dx;
  }
  return viaMatMul(backend, dy, filter, p);
}

/** The unit-stride convolution from dy back to x, or null when a padding would be negative. */
function mirroredPlan(p: ConvPlan3D): ConvPlan3D | null {
  const eff = (k: number, d: number) => (k - 1) * d + 1;
  const [dd, dh, dw] = p.dilations;
  const pads = {
    front: eff(p.filterDepth, dd) - 1 - p.pads.front,
    back: eff(p.filterDepth, dd) - 1 - p.pads.back,
    top: eff(p.filterHeight, dh) - 1 - p.pads.top,
    bottom: eff(p.filterHeight, dh) - 1 - p.pads.bottom,
    left: eff(p.filterWidth, dw) - 1 - p.pads.left,
    right: eff(p.filterWidth, dw) - 1 - p.pads.right,
  };
  if (Object.values(pads).some((v) => v < 0)) return null;
  return {
    ...p,
    inDepth: p.outDepth,
    inHeight: p.outHeight,
    inWidth: p.outWidth,
    inChannels: p.outChannels,
    outDepth: p.inDepth,
    outHeight: p.inHeight,
    outWidth: p.inWidth,
    outChannels: p.inChannels,
    pads,
  };
}

/** W[KD-1-kd, KH-1-kh, KW-1-kw, c, o] stacked as [KH, KW, KD*O, C] for the mirrored plan. */
function flippedStackedFilter(backend: BackendWasm, filter: TensorInfo, p: ConvPlan3D): TensorInfo {
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW, inChannels: C, outChannels: O } = p;
  const out = alloc(backend, [KH, KW, KD * O, C]);
  const src = f32(backend, filter);
  const dst = f32(backend, out);
  for (let kd = 0; kd < KD; kd++) {
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const s0 = (((KD - 1 - kd) * KH + (KH - 1 - kh)) * KW + (KW - 1 - kw)) * C * O;
        const d0 = ((kh * KW + kw) * KD + kd) * O * C;
        for (let c = 0; c < C; c++) {
          for (let o = 0; o < O; o++) dst[d0 + o * C + c] = src[s0 + c * O + o];
        }
      }
    }
  }
  return out;
}

function viaMatMul(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  p: ConvPlan3D,
): TensorInfo {
  const O = p.outChannels;
  const width = tapsOf(p) * p.inChannels;
  const voxels = p.batch * p.outDepth * p.outHeight * p.outWidth;
  // W^T as [O, taps*C]: the matmul's weights operand must not need a transpose.
  const wT = alloc(backend, [1, O, width]);
  const src = f32(backend, filter);
  const dst = f32(backend, wT);
  for (let t = 0; t < width; t++) {
    for (let o = 0; o < O; o++) dst[o * width + t] = src[t * O + o];
  }
  const cols =
    voxels > 0
      ? runWasm(
          backend,
          'BatchMatMul',
          { a: view(dy, [1, voxels, O]), b: wT },
          { transposeA: false, transposeB: false },
        )
      : null;
  release(backend, wT);
  const dx = alloc(backend, [p.batch, p.inDepth, p.inHeight, p.inWidth, p.inChannels]);
  const out = f32(backend, dx);
  out.fill(0);
  if (cols !== null) {
    col2vol(f32(backend, cols), out, p);
    release(backend, cols);
  }
  return dx;
}

/** Adds each output voxel's per-tap rows `cols[v, kd, kh, kw, :]` into dx. */
function col2vol(cols: Float32Array, dx: Float32Array, p: ConvPlan3D): void {
  const { inDepth: D, inHeight: H, inWidth: W, inChannels: C } = p;
  const { filterDepth: KD, filterHeight: KH, filterWidth: KW } = p;
  const [sd, sh, sw] = p.strides;
  const [dd, dh, dw] = p.dilations;
  let src = 0;
  for (let b = 0; b < p.batch; b++) {
    for (let od = 0; od < p.outDepth; od++) {
      for (let oh = 0; oh < p.outHeight; oh++) {
        for (let ow = 0; ow < p.outWidth; ow++) {
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - p.pads.front + kd * dd;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - p.pads.top + kh * dh;
              for (let kw = 0; kw < KW; kw++, src += C) {
                const iw = ow * sw - p.pads.left + kw * dw;
                if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const d = (((b * D + id) * H + ih) * W + iw) * C;
                for (let c = 0; c < C; c++) dx[d + c] += cols[src + c];
              }
            }
          }
        }
      }
    }
  }
}
