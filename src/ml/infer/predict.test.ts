import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { zScore } from '../../io';
import { predictProbabilities, predictVolume, type PredictOptions } from './predict';

/** A fixed "network": sigmoid(10 x channel 0) at `size` x `size`, i.e. "above the mean". */
function aboveMean(size: number, classes = 1): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [size, size, 1],
        filters: classes,
        kernelSize: 1,
        activation: classes === 1 ? 'sigmoid' : 'softmax',
      }),
    ],
  });
  const kernel = classes === 1 ? [10] : [-10, 10];
  model.setWeights([tf.tensor4d(kernel, [1, 1, 1, classes]), tf.zeros([classes])]);
  return model;
}

function blobVolume(nx: number, ny: number, nz: number): Float32Array {
  const v = new Float32Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const d = Math.hypot((x - nx / 2) / nx, (y - ny / 2) / ny);
        v[z * nx * ny + y * nx + x] = 200 + 1000 * Math.max(0, 0.3 - d) + z;
      }
    }
  }
  return v;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('predictVolume', () => {
  it('matches the per-voxel rule exactly when the grid equals the input size', async () => {
    const data = blobVolume(32, 32, 5);
    const model = aboveMean(32);
    const p = await predictVolume(model, [data], [32, 32, 5], {
      inputSize: 32,
      target: { mode: 'binary', foregroundValues: [1] },
      batchSize: 2,
    });
    const z = zScore(data);
    let wrong = 0;
    for (let i = 0; i < data.length; i++) if (p.labels[i] !== (z[i] > 0 ? 1 : 0)) wrong++;
    expect(wrong).toBe(0);
    expect(p.probabilities.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(p.totalMs).toBeGreaterThan(0);
    expect(p.msPerSlice).toBeCloseTo(p.totalMs / 5, 6);
    model.dispose();
  });

  it('returns labels and probabilities on the volume grid when it differs from the input', async () => {
    const dims: [number, number, number] = [48, 40, 3];
    const data = blobVolume(...dims);
    const model = aboveMean(32, 2);
    const before = tf.memory().numTensors;
    const p = await predictVolume(model, [data], dims, {
      inputSize: 32,
      target: { mode: 'multiclass', values: [7] },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(p.dims).toEqual(dims);
    expect(p.labels.length).toBe(48 * 40 * 3);
    expect(p.probabilities.length).toBe(48 * 40 * 3);
    // Class 1 is decoded back to label value 7.
    expect(new Set(p.labels)).toEqual(new Set([0, 7]));
    const z = zScore(data);
    let agree = 0;
    for (let i = 0; i < data.length; i++) if ((p.labels[i] === 7) === z[i] > 0) agree++;
    expect(agree / data.length).toBeGreaterThan(0.97);
    model.dispose();
  });

  it('keeps only the largest bright region when asked, for a binary target', async () => {
    // A big central blob plus one small bright corner spot on the middle slice.
    const data = blobVolume(32, 32, 5);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) data[2 * 1024 + y * 32 + x] = 2000;
    const model = aboveMean(32);
    const options: PredictOptions = {
      inputSize: 32,
      target: { mode: 'binary', foregroundValues: [1] },
    };
    const all = await predictVolume(model, [data], [32, 32, 5], options);
    const kept = await predictVolume(model, [data], [32, 32, 5], {
      ...options,
      largestComponent: true,
    });
    const count = (m: Uint8Array) => m.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    expect(all.labels[2 * 1024]).toBe(1);
    expect(kept.labels[2 * 1024]).toBe(0);
    expect(count(all.labels) - count(kept.labels)).toBe(9);
    model.dispose();
  });
});

/** A linear 3x3 convolution with `kernel` (row-major, [dy][dx]), zero bias. */
function linearConv(size: number, kernel: number[]): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [size, size, 1],
        filters: 1,
        kernelSize: 3,
        padding: 'same',
        activation: 'linear',
      }),
    ],
  });
  model.setWeights([tf.tensor4d(kernel, [3, 3, 1, 1]), tf.zeros([1])]);
  return model;
}

/** `kernel` mirrored left-right (dx) and / or up-down (dy). */
function mirror(kernel: number[], lr: boolean, ud: boolean): number[] {
  return kernel.map((_, i) => {
    const dy = Math.floor(i / 3);
    const dx = i % 3;
    return kernel[(ud ? 2 - dy : dy) * 3 + (lr ? 2 - dx : dx)];
  });
}

describe('test-time augmentation (mirror averaging)', () => {
  // Off-centre and lopsided, so that any mirror image differs from the original.
  const dims: [number, number, number] = [24, 24, 3];
  const data = blobVolume(...dims).map((v, i) => v + 300 * ((i % 24) / 24) ** 2);
  const options = { inputSize: 24, batchSize: 2 };

  it('flips each mirrored prediction back: a pointwise model predicts the same with and without', async () => {
    const model = aboveMean(24);
    const plain = await predictProbabilities(model, [data], dims, options);
    const tta = await predictProbabilities(model, [data], dims, {
      ...options,
      tta: { upDown: true },
    });
    expect(tta.passes).toBe(4);
    const leftRight = await predictProbabilities(model, [data], dims, {
      ...options,
      tta: { upDown: false },
    });
    expect(leftRight.passes).toBe(2);
    for (let i = 0; i < plain.values.length; i++) {
      expect(Math.abs(plain.values[i] - leftRight.values[i])).toBeLessThan(1e-5);
    }
    let worst = 0;
    for (let i = 0; i < plain.values.length; i++) {
      worst = Math.max(worst, Math.abs(plain.values[i] - tta.values[i]));
    }
    expect(worst).toBeLessThan(1e-5);
    model.dispose();
  });

  it.each([
    ['the two left-right', false],
    ['the four', true],
  ])('equals the convolution with the average of %s mirrored kernels', async (_, upDown) => {
    // A lopsided kernel: mirroring it changes the output, so a flip left undone would show.
    const kernel = [0, 0, 0.2, 0, 0.3, 1, 0, 0, 0];
    const model = linearConv(24, kernel);
    const mirrors = [mirror(kernel, false, false), mirror(kernel, true, false)];
    if (upDown) mirrors.push(mirror(kernel, false, true), mirror(kernel, true, true));
    const mean = kernel.map((_, i) => mirrors.reduce((s, k) => s + k[i], 0) / mirrors.length);
    const symmetric = linearConv(24, mean);
    const tta = await predictProbabilities(model, [data], dims, { ...options, tta: { upDown } });
    const expected = await predictProbabilities(symmetric, [data], dims, options);
    const plain = await predictProbabilities(model, [data], dims, options);
    let worst = 0;
    let moved = 0;
    for (let i = 0; i < tta.values.length; i++) {
      worst = Math.max(worst, Math.abs(tta.values[i] - expected.values[i]));
      moved = Math.max(moved, Math.abs(plain.values[i] - expected.values[i]));
    }
    expect(worst).toBeLessThan(1e-4);
    // The check has teeth: without averaging the lopsided kernel predicts otherwise.
    expect(moved).toBeGreaterThan(0.1);
    model.dispose();
    symmetric.dispose();
  });
});
