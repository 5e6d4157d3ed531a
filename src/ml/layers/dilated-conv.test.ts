import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DilatedConv2D, dilatedConv2d, spaceToBatchPlan } from './dilated-conv';
import { centralDifference, maxRelativeError } from './grad-check';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';

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

/** Plain float64 'same' dilated convolution, NHWC x HWIO, as an independent reference. */
function referenceConv(
  x: Float32Array,
  [b, h, w, ci]: number[],
  k: Float32Array,
  [kh, kw, , co]: number[],
  rate: number,
): Float64Array {
  const out = new Float64Array(b * h * w * co);
  const padTop = Math.floor(((kh - 1) * rate) / 2);
  const padLeft = Math.floor(((kw - 1) * rate) / 2);
  for (let n = 0; n < b; n++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++)
        for (let o = 0; o < co; o++) {
          let acc = 0;
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) {
              const sy = y + i * rate - padTop;
              const sx = xx + j * rate - padLeft;
              if (sy < 0 || sy >= h || sx < 0 || sx >= w) continue;
              for (let c = 0; c < ci; c++) {
                acc += x[((n * h + sy) * w + sx) * ci + c] * k[((i * kw + j) * ci + c) * co + o];
              }
            }
          out[((n * h + y) * w + xx) * co + o] = acc;
        }
  return out;
}

describe('spaceToBatchPlan', () => {
  it('pads by the dilated kernel radius and rounds up to a multiple of the rate', () => {
    // 3x3 kernel at rate 2 spans 5 pixels: 2 before, 2 after; 5 + 4 = 9 is odd, so one more
    // row is padded at the bottom and cropped afterwards.
    expect(spaceToBatchPlan(5, 8, 3, 2)).toEqual({
      paddings: [
        [2, 3],
        [2, 2],
      ],
      crops: [
        [0, 1],
        [0, 0],
      ],
    });
  });
});

describe('dilatedConv2d forward', () => {
  const cases: Array<[number[], number]> = [
    [[1, 7, 5, 3], 2],
    [[2, 8, 8, 2], 3],
    [[1, 6, 9, 2], 4],
    [[1, 4, 4, 2], 16], // rate larger than the map: only the centre tap sees data
  ];
  for (const [shape, rate] of cases) {
    it(`matches tf.conv2d with dilation ${rate} on ${shape.join('x')}`, () => {
      const kShape = [3, 3, shape[3], 4];
      const xv = noise(
        shape.reduce((a, b) => a * b),
        1,
      );
      const kv = noise(
        kShape.reduce((a, b) => a * b),
        2,
      );
      const x = tf.tensor4d(xv, shape as [number, number, number, number]);
      const k = tf.tensor4d(kv, kShape as [number, number, number, number]);
      const ours = dilatedConv2d(x, k, rate);
      const theirs = tf.conv2d(x, k, 1, 'same', 'NHWC', rate);
      expect(ours.shape).toEqual(theirs.shape);
      expect(maxRelativeError(ours.dataSync(), theirs.dataSync())).toBeLessThan(1e-6);
      const reference = referenceConv(xv, shape, kv, kShape, rate);
      expect(maxRelativeError(ours.dataSync(), reference)).toBeLessThan(1e-6);
      tf.dispose([x, k, ours, theirs]);
    });
  }
});

describe('dilatedConv2d gradients', () => {
  it('exist where tf.conv2d with dilation has none', () => {
    const x = tf.ones<tf.Rank.R4>([1, 5, 5, 1]);
    const k = tf.ones<tf.Rank.R4>([3, 3, 1, 1]);
    expect(() =>
      tf.grad((v: tf.Tensor) => tf.conv2d(v as tf.Tensor4D, k, 1, 'same', 'NHWC', 2).sum())(x),
    ).toThrow(/dilation/i);
    const g = tf.grad((v: tf.Tensor) => dilatedConv2d(v as tf.Tensor4D, k, 2).sum())(x);
    expect(g.shape).toEqual([1, 5, 5, 1]);
    tf.dispose([x, k, g]);
  });

  for (const rate of [2, 3]) {
    it(`match central differences w.r.t. input and kernel at rate ${rate}`, () => {
      const shape: [number, number, number, number] = [1, 6, 5, 2];
      const kShape: [number, number, number, number] = [3, 3, 2, 2];
      const x = tf.tensor4d(noise(60, 3), shape);
      const k = tf.tensor4d(noise(36, 4), kShape);
      const w = tf.tensor4d(noise(60, 5), [1, 6, 5, 2]);
      // A nonlinear readout so the check is not trivially exact for a linear map.
      const loss = (xi: tf.Tensor, ki: tf.Tensor): tf.Scalar =>
        tf.sum(tf.mul(w, tf.tanh(dilatedConv2d(xi as tf.Tensor4D, ki as tf.Tensor4D, rate))));
      const [gx, gk] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a, b))([x, k]);
      const fx = centralDifference((xi) => loss(xi, k), x);
      const fk = centralDifference((ki) => loss(x, ki), k);
      expect(maxRelativeError(gx.dataSync(), fx)).toBeLessThan(1e-2);
      expect(maxRelativeError(gk.dataSync(), fk)).toBeLessThan(1e-2);
      tf.dispose([x, k, w, gx, gk]);
    });
  }
});

describe('DilatedConv2D layer', () => {
  it('infers shapes, owns its weights and survives save/load', async () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const layer = new DilatedConv2D({ filters: 5, kernelSize: 3, dilationRate: 4, useBias: true });
    const out = layer.apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 8, 8, 5]);
    const model = tf.model({ inputs: input, outputs: out });
    expect(model.countParams()).toBe(3 * 3 * 3 * 5 + 5);
    const x = tf.tensor4d(noise(2 * 8 * 8 * 3, 6), [2, 8, 8, 3]);
    const before = model.predict(x) as tf.Tensor;
    const kernel = model.getWeights()[0] as tf.Tensor4D;
    const direct = dilatedConv2d(x, kernel, 4);
    expect(maxRelativeError(before.dataSync(), direct.dataSync())).toBeLessThan(1e-6);
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    expect(loaded.layers[1].getClassName()).toBe('DilatedConv2D');
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, direct, after]);
    model.dispose();
    loaded.dispose();
  });
});
