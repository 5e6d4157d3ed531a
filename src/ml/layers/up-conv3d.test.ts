import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';
import { expectBackendsAgree, seededTensor } from '../kernels/wasm/testing';
import { centralDifference, maxRelativeError } from './grad-check';
import { UpConv3D, upConv3d, upConvShape } from './up-conv3d';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Triple = [number, number, number];

/** The loss whose gradients are checked: a fixed random weighting of the output. */
function weighted(
  strides: Triple,
  padding: 'same' | 'valid',
  r: tf.Tensor,
): (x: tf.Tensor, w: tf.Tensor) => tf.Scalar {
  return (x, w) =>
    tf.sum(tf.mul(upConv3d(x as tf.Tensor5D, w as tf.Tensor5D, strides, padding), r));
}

describe('upConv3d', () => {
  it('computes tfjs conv3dTranspose forward', () => {
    const x = seededTensor([2, 2, 3, 2, 3], 1) as tf.Tensor5D;
    const w = seededTensor([3, 3, 3, 4, 3], 2) as tf.Tensor5D;
    const ours = upConv3d(x, w, [2, 2, 2], 'same');
    const theirs = tf.conv3dTranspose(x, w, [2, 4, 6, 4, 4], 2, 'same');
    expect(ours.shape).toEqual([2, 4, 6, 4, 4]);
    expect(maxRelativeError(ours.dataSync(), theirs.dataSync())).toBe(0);
  });

  for (const [k, strides, padding] of [
    [2, [2, 2, 2], 'same'],
    [3, [2, 2, 2], 'same'],
    [3, [1, 2, 2], 'valid'],
  ] as const) {
    it(`has the central-difference gradient (kernel ${k}, strides ${strides.join('x')}, ${padding})`, () => {
      const x = seededTensor([1, 2, 2, 3, 2], 3);
      const w = seededTensor([k, k, k, 3, 2], 4);
      const shape = upConvShape(x.shape, 3, [k, k, k], [...strides], padding);
      const r = seededTensor(shape, 5);
      const loss = weighted([...strides], padding, r);
      const [dx, dw] = tf.grads(loss)([x, w]);
      const fx = centralDifference((v) => loss(v, w), x);
      const fw = centralDifference((v) => loss(x, v), w);
      // Float32 differences of a bilinear function: exact up to rounding.
      expect(maxRelativeError(dx.dataSync(), fx)).toBeLessThan(2e-3);
      expect(maxRelativeError(dw.dataSync(), fw)).toBeLessThan(2e-3);
    });
  }

  it('gives the same values and gradients on wasm (with the studio kernels) as on cpu', async () => {
    await expectBackendsAgree(() => {
      const x = seededTensor([2, 2, 3, 3, 5], 1);
      const w = seededTensor([3, 3, 3, 4, 5], 2);
      const r = seededTensor([2, 4, 6, 6, 4], 3);
      const loss = weighted([2, 2, 2], 'same', r);
      return [
        upConv3d(x as tf.Tensor5D, w as tf.Tensor5D, [2, 2, 2], 'same'),
        ...tf.grads(loss)([x, w]),
      ];
    });
    await tf.setBackend('cpu');
  });
});

describe('UpConv3D layer', () => {
  it('doubles every edge, counts Keras Conv3DTranspose weights, and survives save/load', async () => {
    const input = tf.input({ shape: [2, 4, 4, 6] });
    const out = new UpConv3D({ filters: 3, kernelSize: 3, name: 'up' }).apply(
      input,
    ) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(out.shape).toEqual([null, 4, 8, 8, 3]);
    expect(model.countParams()).toBe(3 * 3 * 3 * 3 * 6 + 3);
    const x = seededTensor([1, 2, 4, 4, 6], 9);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(before));
    expect(loaded.getLayer('up').getClassName()).toBe('UpConv3D');
  });

  it('trains: a model with it lowers its loss', () => {
    const input = tf.input({ shape: [1, 2, 2, 2] });
    const out = new UpConv3D({ filters: 1, kernelSize: 2 }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const x = seededTensor([2, 1, 2, 2, 2], 1);
    const y = seededTensor([2, 2, 4, 4, 1], 2);
    const opt = tf.train.adam(0.05);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const l = opt.minimize(
        () => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor),
        true,
      );
      losses.push(l?.dataSync()[0] ?? NaN);
      l?.dispose();
    }
    expect(losses.at(-1)).toBeLessThan(0.8 * losses[0]);
  });
});
