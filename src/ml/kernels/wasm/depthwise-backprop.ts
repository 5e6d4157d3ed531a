/**
 * Depthwise-convolution gradients for the WASM backend, which lacks both. Depthwise
 * layers cost few FLOPs, so plain loops over the heap are enough; they walk the NHWC
 * data in memory order, one pixel and filter tap at a time.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { shapeAttr } from './conv-geometry';
import { alloc, f32, input, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

function depthwiseGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: NamedAttrMap,
): backend_util.Conv2DInfo {
  const dilations = (attrs.dilations ?? 1) as number | [number, number];
  const rounding = attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined;
  return backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides as number | [number, number],
    dilations,
    attrs.pad as Pad,
    rounding,
    true,
  );
}

/**
 * Calls `visit(xOffset, dyOffset, tapOffset)` for every (pixel, tap) pair where the
 * forward depthwise convolution read x; offsets point at channel 0 of each array.
 */
function forEachTap(
  g: backend_util.Conv2DInfo,
  visit: (xOffset: number, dyOffset: number, tapOffset: number) => void,
): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, outChannels: CM } = g;
  const { top, left } = g.padInfo;
  let dyOffset = 0;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, dyOffset += CM) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * g.strideHeight - top + kh * g.dilationHeight;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * g.strideWidth - left + kw * g.dilationWidth;
            if (iw < 0 || iw >= W) continue;
            visit(((b * H + ih) * W + iw) * C, dyOffset, (kh * KW + kw) * CM);
          }
        }
      }
    }
  }
}

/** Kernel function registered as `DepthwiseConv2dNativeBackpropFilter`. */
export function depthwiseBackpropFilter({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const g = depthwiseGeometry(x.shape, shapeAttr(attrs, 'filterShape'), attrs);
  const C = g.inChannels;
  const M = g.outChannels / C;
  const out = alloc(wasm, g.filterShape);
  const dw = f32(wasm, out);
  const xs = f32(wasm, x);
  const dys = f32(wasm, dy);
  dw.fill(0);
  forEachTap(g, (xo, yo, to) => {
    for (let c = 0; c < C; c++) {
      const xv = xs[xo + c];
      for (let m = 0; m < M; m++) dw[to + c * M + m] += xv * dys[yo + c * M + m];
    }
  });
  return out;
}

/** Kernel function registered as `DepthwiseConv2dNativeBackpropInput`. */
export function depthwiseBackpropInput({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const g = depthwiseGeometry(shapeAttr(attrs, 'inputShape'), filter.shape, attrs);
  const C = g.inChannels;
  const M = g.outChannels / C;
  const out = alloc(wasm, g.inShape);
  const dx = f32(wasm, out);
  const ws = f32(wasm, filter);
  const dys = f32(wasm, dy);
  dx.fill(0);
  forEachTap(g, (xo, yo, to) => {
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let m = 0; m < M; m++) s += ws[to + c * M + m] * dys[yo + c * M + m];
      dx[xo + c] += s;
    }
  });
  return out;
}
