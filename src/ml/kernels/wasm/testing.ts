/**
 * Test support for the WASM kernels: runs the same computation on the cpu backend (the
 * reference) and on the wasm backend with our kernels, and compares the results.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { registerWasmTrainingKernels } from './index';

/** Deterministic values in [-1, 1) (a 32-bit LCG), so both backends see the same data. */
export function seeded(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** A tensor of `seeded` values. */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(seeded(size, seed), shape);
}

/** The result of one backend: every output's shape and values. */
export interface Outputs {
  shapes: number[][];
  values: Float32Array[];
}

/** Runs `f` on `backend`, reading every returned tensor and disposing all of them. */
export async function runOn(backend: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<Outputs> {
  if (backend === 'wasm') registerWasmTrainingKernels();
  await tf.setBackend(backend);
  const before = tf.memory();
  const outs = tf.tidy(f);
  const result = {
    shapes: outs.map((t) => t.shape),
    values: outs.map((t) => Float32Array.from(t.dataSync())),
  };
  tf.dispose(outs);
  // Kernels must release every temporary heap buffer, not only tensors.
  expect(tf.memory().numTensors).toBe(before.numTensors);
  expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
  return result;
}

/** Largest |a - b| divided by the largest |b| (1 when all of b is 0). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / (scale > 0 ? scale : 1);
}

/**
 * Runs `f` on cpu and on wasm and expects equal shapes and values within `rtol`
 * (relative to each output's largest magnitude). Returns the cpu outputs.
 */
export async function expectBackendsAgree(f: () => tf.Tensor[], rtol = 1e-4): Promise<Outputs> {
  const cpu = await runOn('cpu', f);
  const wasm = await runOn('wasm', f);
  expect(wasm.shapes).toEqual(cpu.shapes);
  cpu.values.forEach((expected, i) => {
    expect(wasm.values[i].length).toBe(expected.length);
    expect(Number.isFinite(relativeError(wasm.values[i], expected))).toBe(true);
    expect(relativeError(wasm.values[i], expected)).toBeLessThanOrEqual(rtol);
  });
  return cpu;
}
