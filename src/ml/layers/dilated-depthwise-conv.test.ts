import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectBackendsAgree } from '../kernels/wasm/testing';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';
import { DilatedDepthwiseConv2D, dilatedDepthwiseConv2d } from './dilated-depthwise-conv';
import { centralDifference, maxRelativeError } from './grad-check';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Deterministic pseudo-random values in [-1, 1). */
function noise(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const count = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Plain float64 'same' dilated depthwise convolution, NHWC x [k, k, C, M]. */
function reference(
  x: Float32Array,
  [b, h, w, c]: number[],
  k: Float32Array,
  [kh, kw, , m]: number[],
  rate: number,
): Float64Array {
  const out = new Float64Array(b * h * w * c * m);
  const top = Math.floor(((kh - 1) * rate) / 2);
  const left = Math.floor(((kw - 1) * rate) / 2);
  for (let n = 0; n < b; n++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let ch = 0; ch < c; ch++)
          for (let q = 0; q < m; q++) {
            let acc = 0;
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const sy = y + i * rate - top;
                const sx = xx + j * rate - left;
                if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
                acc += x[((n * h + sy) * w + sx) * c + ch] * k[((i * kw + j) * c + ch) * m + q];
              }
            out[(((n * h + y) * w + xx) * c + ch) * m + q] = acc;
          }
  return out;
}

describe('dilatedDepthwiseConv2d forward', () => {
  const cases: Array<[number[], number, number]> = [
    [[1, 7, 5, 3], 2, 1],
    [[2, 8, 8, 2], 3, 2],
    [[1, 6, 9, 4], 4, 1],
    [[1, 4, 4, 2], 12, 1], // rate past the map: only the centre tap sees data (ASPP at 12+)
    [[1, 5, 5, 2], 1, 1],
  ];
  for (const [shape, rate, multiplier] of cases) {
    it(`matches tf.depthwiseConv2d and a float64 loop at rate ${rate} on ${shape.join('x')}`, () => {
      const kShape = [3, 3, shape[3], multiplier];
      const xv = noise(count(shape), 1);
      const kv = noise(count(kShape), 2);
      const x = tf.tensor4d(xv, shape as [number, number, number, number]);
      const k = tf.tensor4d(kv, kShape as [number, number, number, number]);
      const ours = dilatedDepthwiseConv2d(x, k, rate);
      const theirs = tf.depthwiseConv2d(x, k, 1, 'same', 'NHWC', rate);
      expect(ours.shape).toEqual([...shape.slice(0, 3), shape[3] * multiplier]);
      expect(maxRelativeError(ours.dataSync(), theirs.dataSync())).toBeLessThan(1e-6);
      expect(
        maxRelativeError(ours.dataSync(), reference(xv, shape, kv, kShape, rate)),
      ).toBeLessThan(1e-6);
      tf.dispose([x, k, ours, theirs]);
    });
  }
});

describe('dilatedDepthwiseConv2d gradients', () => {
  it('exist where tf.depthwiseConv2d with dilation has none', () => {
    const x = tf.ones<tf.Rank.R4>([1, 5, 5, 2]);
    const k = tf.ones<tf.Rank.R4>([3, 3, 2, 1]);
    expect(() =>
      tf.grad((v: tf.Tensor) =>
        tf.depthwiseConv2d(v as tf.Tensor4D, k, 1, 'same', 'NHWC', 2).sum(),
      )(x),
    ).toThrow(/dilation/i);
    const g = tf.grad((v: tf.Tensor) => dilatedDepthwiseConv2d(v as tf.Tensor4D, k, 2).sum())(x);
    expect(g.shape).toEqual([1, 5, 5, 2]);
    tf.dispose([x, k, g]);
  });

  for (const [rate, multiplier] of [
    [2, 1],
    [3, 2],
  ]) {
    it(`match central differences w.r.t. input and kernel at rate ${rate}, multiplier ${multiplier}`, () => {
      const shape: [number, number, number, number] = [1, 6, 5, 2];
      const kShape: [number, number, number, number] = [3, 3, 2, multiplier];
      const x = tf.tensor4d(noise(60, 3), shape);
      const k = tf.tensor4d(noise(18 * multiplier, 4), kShape);
      const w = tf.tensor4d(noise(60 * multiplier, 5), [1, 6, 5, 2 * multiplier]);
      // A nonlinear readout so the check is not trivially exact for a linear map.
      const loss = (xi: tf.Tensor, ki: tf.Tensor): tf.Scalar =>
        tf.sum(
          tf.mul(w, tf.tanh(dilatedDepthwiseConv2d(xi as tf.Tensor4D, ki as tf.Tensor4D, rate))),
        );
      const [gx, gk] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a, b))([x, k]);
      const fx = centralDifference((xi) => loss(xi, k), x);
      const fk = centralDifference((ki) => loss(x, ki), k);
      expect(maxRelativeError(gx.dataSync(), fx)).toBeLessThan(1e-2);
      expect(maxRelativeError(gk.dataSync(), fk)).toBeLessThan(1e-2);
      tf.dispose([x, k, w, gx, gk]);
    });
  }

  it('agree between the wasm backend (with the studio training kernels) and cpu', async () => {
    await expectBackendsAgree(() => {
      const x = tf.tensor4d(noise(2 * 9 * 9 * 3, 6), [2, 9, 9, 3]);
      const k = tf.tensor4d(noise(27, 7), [3, 3, 3, 1]);
      const r = tf.tensor4d(noise(2 * 9 * 9 * 3, 8), [2, 9, 9, 3]);
      const f = (a: tf.Tensor, b: tf.Tensor): tf.Scalar =>
        tf.sum(tf.mul(dilatedDepthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 4), r));
      return [dilatedDepthwiseConv2d(x, k, 4), ...tf.grads(f)([x, k])];
    });
    await tf.setBackend('cpu');
  });
});

describe('DilatedDepthwiseConv2D layer', () => {
  it('infers shapes, owns its weights and survives save/load', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const layer = new DilatedDepthwiseConv2D({
      kernelSize: 3,
      dilationRate: 4,
      depthMultiplier: 2,
      useBias: true,
    });
    const out = layer.apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 8, 8, 6]);
    const model = tf.model({ inputs: input, outputs: out });
    expect(model.countParams()).toBe(3 * 3 * 3 * 2 + 6);
    expect(model.weights[0].originalName).toMatch(/depthwise_kernel$/);
    const x = tf.tensor4d(noise(2 * 8 * 8 * 3, 6), [2, 8, 8, 3]);
    const before = model.predict(x) as tf.Tensor;
    const direct = dilatedDepthwiseConv2d(x, model.getWeights()[0] as tf.Tensor4D, 4);
    expect(maxRelativeError(before.dataSync(), direct.dataSync())).toBeLessThan(1e-6);
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    expect(loaded.layers[1].getClassName()).toBe('DilatedDepthwiseConv2D');
    expect(loaded.layers[1].getConfig()).toMatchObject({ dilationRate: 4, depthMultiplier: 2 });
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, direct, after]);
    model.dispose();
    loaded.dispose();
  });
});
