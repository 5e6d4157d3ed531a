/**
 * Conv2DBackpropFilter for the WASM backend, which ships without it (so no network with
 * a convolution could train there).
 *
 * Stride-1 convolutions (nearly all of ours) go to per-tap matrix products
 * (filter-tap-gemm.ts). Other strides use the fact that the filter gradient is itself a
 * convolution, run on the backend's XNNPACK convolution:
 *   dW[kh,kw,c,o] = sum_{b,i,j} x[b, i*sh + kh*dh - top, j*sw + kw*dw - left, c] * dy[b,i,j,o]
 * Read x as a batch of C single images with B channels (x transposed to [C,H,W,B]) and dy
 * as an OHxOW filter from B to O channels ([OH,OW,B,O]); a convolution with stride
 * (dh,dw) and dilation (sh,sw) then yields [C,KH,KW,O], transposed to [KH,KW,C,O].
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { convGeometry, shapeAttr } from './conv-geometry';
import type { ConvGeometry } from './conv-geometry';
import { tapGemmApplies, tapGemmFilterGradient } from './filter-tap-gemm';
import { alloc, f32, input, release, runWasm, view, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

/** Kernel function registered as `Conv2DBackpropFilter` on the WASM backend. */
export function conv2DBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const g = convGeometry(x.shape, shapeAttr(attrs, 'filterShape'), attrs);
  return filterGradient(wasm, x, dy, g);
}

/** dW for the convolution described by `g`, from its input `x` and output gradient `dy`. */
function filterGradient(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  return tapGemmApplies(g)
    ? tapGemmFilterGradient(backend, x, dy, g)
    : viaConvolution(backend, x, dy, g);
}

function viaConvolution(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outChannels: O } = g;
  const { filterHeight: KH, filterWidth: KW, outHeight: OH, outWidth: OW } = g;
  const { top, left } = g.padInfo;
  // Rows and columns of x the forward convolution reads: later ones get no gradient.
  const usedH = Math.min(H, (OH - 1) * g.strideHeight + (KH - 1) * g.dilationHeight + 1 - top);
  const usedW = Math.min(W, (OW - 1) * g.strideWidth + (KW - 1) * g.dilationWidth + 1 - left);
  if (usedH <= 0 || usedW <= 0 || OH <= 0 || OW <= 0 || B === 0) {
    const zeros = alloc(backend, [KH, KW, C, O]);
    f32(backend, zeros).fill(0);
    return zeros;
  }
  const bottom = (OH - 1) * g.strideHeight + (KH - 1) * g.dilationHeight + 1 - top - usedH;
  const right = (OW - 1) * g.strideWidth + (KW - 1) * g.dilationWidth + 1 - left - usedW;

  const cropped =
    usedH < H || usedW < W
      ? runWasm(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size: [B, usedH, usedW, C] })
      : null;
  const xT = runWasm(backend, 'Transpose', { x: cropped ?? x }, { perm: [3, 1, 2, 0] });
  if (cropped !== null) release(backend, cropped);
  const dyT =
    B === 1
      ? view(dy, [OH, OW, 1, O])
      : runWasm(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] });

  const grad = runWasm(
    backend,
    'Conv2D',
    { x: xT, filter: dyT },
    {
      strides: [g.dilationHeight, g.dilationWidth],
      dilations: [g.strideHeight, g.strideWidth],
      pad: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  release(backend, xT);
  if (B !== 1) release(backend, dyT);
  if (C === 1) return view(grad, [KH, KW, 1, O]);
  const out = runWasm(backend, 'Transpose', { x: grad }, { perm: [1, 2, 0, 3] });
  release(backend, grad);
  return out;
}
