import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centralDifference, maxRelativeError } from './grad-check';
import { MaxPoolWithIndices, MaxUnpool, maxPoolWithIndices, maxUnpool } from './max-unpool';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * Distinct values 0, 0.05, 0.1, ... in a shuffled order, so every 2x2 window has a unique
 * maximum separated from the runner-up by >= 0.05 (finite differences with eps 0.01 never
 * flip a winner).
 */
function distinct(shape: [number, number, number, number], seed: number): tf.Tensor4D {
  const n = shape.reduce((a, b) => a * b);
  const values = Array.from({ length: n }, (_, i) => i * 0.05);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
  return tf.tensor4d(values, shape);
}

describe('maxPoolWithIndices forward', () => {
  it('pools like tf.maxPool and points where tf.maxPoolWithArgmax points', () => {
    const shape: [number, number, number, number] = [2, 6, 4, 3];
    const [, h, w, c] = shape;
    const x = distinct(shape, 7);
    const [pooled, index] = maxPoolWithIndices(x);
    const expected = tf.maxPool(x, 2, 2, 'valid');
    expect(Array.from(pooled.dataSync())).toEqual(Array.from(expected.dataSync()));
    // tf's argmax is the flat offset ((y * w + x) * c + ch) inside each batch element.
    const { indexes } = tf.maxPoolWithArgmax(x, 2, 2, 'valid', false);
    const k = index.dataSync();
    const theirs = indexes.dataSync();
    for (let i = 0; i < k.length; i++) {
      const ch = i % c;
      const x2 = Math.floor(i / c) % (w / 2);
      const y2 = Math.floor(i / (c * (w / 2))) % (h / 2);
      const y = 2 * y2 + Math.floor(k[i] / 2);
      const xx = 2 * x2 + (k[i] % 2);
      expect((y * w + xx) * c + ch).toBe(theirs[i]);
    }
    tf.dispose([x, pooled, index, expected, indexes]);
  });

  it('unpools each value exactly at its argmax and zero elsewhere', () => {
    const shape: [number, number, number, number] = [1, 4, 6, 2];
    const x = distinct(shape, 11);
    const [pooled, index] = maxPoolWithIndices(x);
    const unpooled = maxUnpool(pooled, index);
    // Independent construction from tf.maxPoolWithArgmax's flat indexes.
    const { result, indexes } = tf.maxPoolWithArgmax(x, 2, 2, 'valid', false);
    const expected = new Float32Array(x.size);
    const vals = result.dataSync();
    indexes.dataSync().forEach((flat, i) => (expected[flat] = vals[i]));
    expect(Array.from(unpooled.dataSync())).toEqual(Array.from(expected));
    tf.dispose([x, pooled, index, unpooled, result, indexes]);
  });

  it('breaks ties towards the first window position', () => {
    // Rows [1 1 | 0 5 | 2 0] and [1 1 | 5 0 | 7 7]: windows (row-major) [1,1,1,1] -> 0,
    // [0,5,5,0] -> 1 (top-right), [2,0,7,7] -> 2 (bottom-left).
    const x = tf.tensor4d([1, 1, 0, 5, 2, 0, 1, 1, 5, 0, 7, 7], [1, 2, 6, 1]);
    const [pooled, index] = maxPoolWithIndices(x);
    expect(Array.from(index.dataSync())).toEqual([0, 1, 2]);
    expect(Array.from(pooled.dataSync())).toEqual([1, 5, 7]);
    const unpooled = maxUnpool(pooled, index);
    expect(Array.from(unpooled.dataSync())).toEqual([1, 0, 0, 5, 0, 0, 0, 0, 0, 0, 7, 0]);
    tf.dispose([x, pooled, index, unpooled]);
  });

  it('rejects odd sizes', () => {
    const x = tf.zeros<tf.Rank.R4>([1, 5, 4, 1]);
    expect(() => maxPoolWithIndices(x)).toThrow(/even/);
    x.dispose();
  });
});

describe('pool/unpool gradients', () => {
  it('match central differences through pooled values and the unpooling', () => {
    const x = distinct([1, 4, 4, 2], 3);
    const w = tf.randomNormal([1, 4, 4, 2], 0, 1, 'float32', 1);
    const v = tf.randomNormal([1, 2, 2, 2], 0, 1, 'float32', 2);
    // ENet-like path: the pooled map is transformed, then put back at the argmax positions.
    const loss = (xi: tf.Tensor): tf.Scalar => {
      const [pooled, index] = maxPoolWithIndices(xi as tf.Tensor4D);
      const back = maxUnpool(tf.tanh(pooled), index);
      return tf.add(tf.sum(tf.mul(w, back)), tf.sum(tf.mul(v, tf.square(pooled))));
    };
    const analytic = tf.grad(loss)(x);
    const numeric = centralDifference(loss, x);
    expect(maxRelativeError(analytic.dataSync(), numeric)).toBeLessThan(1e-2);
    // Non-maxima get no gradient at all.
    const [, index] = maxPoolWithIndices(x);
    const winners = maxUnpool(tf.onesLike(index), index).dataSync();
    analytic.dataSync().forEach((g, i) => {
      if (winners[i] === 0) expect(g).toBe(0);
    });
    tf.dispose([x, w, v, analytic, index]);
  });

  it('route the upstream gradient of the unpooled map back to the values', () => {
    const x = distinct([1, 4, 4, 1], 5);
    const [, index] = maxPoolWithIndices(x);
    const values = tf.randomNormal([1, 2, 2, 1], 0, 1, 'float32', 3);
    const w = tf.randomNormal([1, 4, 4, 1], 0, 1, 'float32', 4);
    const loss = (vi: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(w, maxUnpool(vi as tf.Tensor4D, index)));
    const analytic = tf.grad(loss)(values);
    expect(maxRelativeError(analytic.dataSync(), centralDifference(loss, values))).toBeLessThan(
      1e-3,
    );
    // d loss / d value = the upstream weight at the winning position of its window.
    const { indexes } = tf.maxPoolWithArgmax(x, 2, 2, 'valid', false);
    const wv = w.dataSync();
    const expected = Array.from(indexes.dataSync(), (flat) => wv[flat]);
    expect(maxRelativeError(analytic.dataSync(), expected)).toBeLessThan(1e-6);
    tf.dispose([x, index, values, w, analytic, indexes]);
  });
});

describe('MaxPoolWithIndices / MaxUnpool layers', () => {
  it('wire into a functional model and survive save/load', async () => {
    const input = tf.input({ shape: [4, 6, 3] });
    const [pooled, index] = new MaxPoolWithIndices({ name: 'pool' }).apply(
      input,
    ) as tf.SymbolicTensor[];
    expect(pooled.shape).toEqual([null, 2, 3, 3]);
    expect(index.shape).toEqual([null, 2, 3, 3]);
    const scaled = tf.layers.dense({ units: 3, name: 'mix' }).apply(pooled) as tf.SymbolicTensor;
    const out = new MaxUnpool({ name: 'unpool' }).apply([scaled, index]) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 4, 6, 3]);
    const model = tf.model({ inputs: input, outputs: out });
    const x = distinct([2, 4, 6, 3], 9);
    const before = model.predict(x) as tf.Tensor;
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    const after = loaded.predict(x) as tf.Tensor;
    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    tf.dispose([x, before, after]);
    model.dispose();
    loaded.dispose();
  });
});
