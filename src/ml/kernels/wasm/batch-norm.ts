/**
 * The WASM kernels of training-mode batch normalization (layers/batch-norm-training.ts):
 * the batch statistics in one pass over the activations, and the input, scale and offset
 * gradients in two. Each pass is split by rows over the kernel threads; the shares'
 * per-channel float64 sums are added in order.
 */
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { alloc, byteOffset, f32, heapBuffer, input, release, wasmBackend } from './heap';
import type { KernelArgs } from './heap';
import { TASK } from './parallel-tasks';
import { kernelPool, sharesFor } from './pool';

function channelsOf(x: TensorInfo): { rows: number; channels: number } {
  if (x.dtype !== 'float32') throw new Error(`batch normalization of ${x.dtype} tensors`);
  const channels = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  return { rows: channels > 0 ? size / channels : 0, channels };
}

/** Float64 scratch for two sums per channel per share, as a float32 tensor twice its size. */
function scratch(backend: BackendWasm, parts: number, channels: number): TensorInfo {
  return alloc(backend, [2 * parts * channels * 2]);
}

/** Adds the shares' sums `which` (0 or 1) of channel `i`, in share order. */
function total(sums: Float64Array, parts: number, channels: number, which: number, i: number) {
  let s = 0;
  for (let p = 0; p < parts; p++) s += sums[(2 * p + which) * channels + i];
  return s;
}

/** StudioBatchNormStats: x [..., C] -> per-channel mean and biased variance, each [C]. */
export function batchNormStats({ inputs, backend }: KernelArgs): TensorInfo[] {
  const wasm = wasmBackend(backend);
  const x = input(inputs, 'x');
  const { rows, channels } = channelsOf(x);
  const pool = kernelPool();
  const parts = sharesFor(pool, rows * channels);
  const sums = scratch(wasm, parts, channels);
  const mean = alloc(wasm, [channels]);
  const variance = alloc(wasm, [channels]);
  const heap = heapBuffer(wasm);
  const at = byteOffset(wasm, sums);
  pool.run(TASK.momentRows, [byteOffset(wasm, x), at, rows, channels], parts, heap);
  const s = new Float64Array(heap, at, 2 * parts * channels);
  const m = f32(wasm, mean);
  const v = f32(wasm, variance);
  const n = Math.max(1, rows);
  for (let i = 0; i < channels; i++) {
    const mu = total(s, parts, channels, 0, i) / n;
    m[i] = mu;
    v[i] = Math.max(0, total(s, parts, channels, 1, i) / n - mu * mu);
  }
  release(wasm, sums);
  return [mean, variance];
}

/**
 * StudioBatchNormGrad: dy, x [..., C] and gamma, mean, invStd [C] -> dx, dgamma, dbeta of
 * y = (x - mean) * invStd * gamma + beta with the batch's own statistics.
 */
export function batchNormGrad({ inputs, backend }: KernelArgs): TensorInfo[] {
  const wasm = wasmBackend(backend);
  const dy = input(inputs, 'dy');
  const x = input(inputs, 'x');
  const [gamma, mean, invStd] = ['gamma', 'mean', 'invStd'].map((k) => input(inputs, k));
  const { rows, channels } = channelsOf(x);
  const pool = kernelPool();
  const parts = sharesFor(pool, rows * channels);
  const sums = scratch(wasm, parts, channels);
  const coefficients = alloc(wasm, [4 * channels]);
  const dx = alloc(wasm, x.shape);
  const dgamma = alloc(wasm, [channels]);
  const dbeta = alloc(wasm, [channels]);
  const heap = heapBuffer(wasm);
  const at = byteOffset(wasm, sums);
  const [dyAt, xAt] = [byteOffset(wasm, dy), byteOffset(wasm, x)];
  pool.run(TASK.bnGradSums, [dyAt, xAt, byteOffset(wasm, mean), at, rows, channels], parts, heap);
  const s = new Float64Array(heap, at, 2 * parts * channels);
  const [g, mu, inv] = [f32(wasm, gamma), f32(wasm, mean), f32(wasm, invStd)];
  const k = f32(wasm, coefficients);
  const [dg, db] = [f32(wasm, dgamma), f32(wasm, dbeta)];
  const n = Math.max(1, rows);
  for (let i = 0; i < channels; i++) {
    const sumDy = total(s, parts, channels, 0, i);
    const gradGamma = inv[i] * total(s, parts, channels, 1, i);
    db[i] = sumDy;
    dg[i] = gradGamma;
    k[i] = mu[i];
    k[channels + i] = g[i] * inv[i];
    k[2 * channels + i] = sumDy / n;
    k[3 * channels + i] = (inv[i] * gradGamma) / n;
  }
  const args = [dyAt, xAt, byteOffset(wasm, dx), byteOffset(wasm, coefficients), rows, channels];
  pool.run(TASK.bnGradInput, args, parts, heap);
  release(wasm, sums, coefficients);
  return [dx, dgamma, dbeta];
}
