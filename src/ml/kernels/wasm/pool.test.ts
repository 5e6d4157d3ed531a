import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { shareOf } from './parallel-tasks';
import { kernelPool, serialPool, setKernelPool, sharesFor } from './pool';
import { expectBackendsAgree, seededTensor } from './testing';

describe('shareOf', () => {
  it('covers every item once, in near-equal shares', () => {
    for (const [n, parts] of [
      [10, 3],
      [2, 4],
      [16384, 2],
    ]) {
      const shares = Array.from({ length: parts }, (_, p) => shareOf(n, p, parts));
      expect(shares[0][0]).toBe(0);
      expect(shares.at(-1)?.[1]).toBe(n);
      shares.slice(1).forEach(([begin], p) => expect(begin).toBe(shares[p][1]));
      const sizes = shares.map(([b, e]) => e - b);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('sharesFor', () => {
  it('splits only work large enough, into at most the pool threads', () => {
    const pool = serialPool(3);
    expect(sharesFor(pool, 1000)).toBe(1);
    expect(sharesFor(pool, 2 * 16384)).toBe(2);
    expect(sharesFor(pool, 1e7)).toBe(3);
    expect(sharesFor(serialPool(), 1e7)).toBe(1);
  });
});

// Every split kernel with its loop cut into 3 shares (run one after the other), on shapes
// large enough to be split, against the cpu backend.
describe('kernels split into shares match the cpu backend', () => {
  beforeAll(() => setKernelPool(serialPool(3)));
  afterAll(() => setKernelPool(null));

  it('runs on a 3-share pool', () => {
    expect(kernelPool().threads).toBe(3);
  });

  it('Sum and Mean over leading axes, and their gradients', async () => {
    await expectBackendsAgree(() => {
      const x = seededTensor([4, 40, 40, 16], 1);
      const r = seededTensor([16], 2);
      const grad = tf.grad((a: tf.Tensor) => tf.mean(a, [0, 1, 2]).mul(r).sum())(x);
      return [tf.sum(x, [0, 1, 2]), tf.mean(x, [0, 1, 2]), grad];
    }, 1e-6);
  });

  it('max pooling gradient, overlapping windows included', async () => {
    await expectBackendsAgree(() => {
      const x = tf.relu(seededTensor([2, 32, 32, 24], 3));
      const pooled = (size: number) => (a: tf.Tensor) =>
        tf.maxPool(a as tf.Tensor4D, size, 2, 'same').sum();
      const pool2 = tf.grad(pooled(2))(x);
      const pool3 = tf.grad(pooled(3))(x);
      return [pool2, pool3];
    }, 1e-6);
  });

  it('strided transposed convolution (col2im) forward and gradients', async () => {
    await expectBackendsAgree(() => {
      const x = seededTensor([2, 16, 16, 12], 4);
      const w = seededTensor([3, 3, 8, 12], 5);
      const f = (a: tf.Tensor, k: tf.Tensor) =>
        tf.conv2dTranspose(a as tf.Tensor4D, k as tf.Tensor4D, [2, 32, 32, 8], 2, 'same');
      const [dx, dw] = tf.grads((a: tf.Tensor, k: tf.Tensor) => f(a, k).square().sum())([x, w]);
      return [f(x, w), dx, dw];
    }, 1e-4);
  });

  it('concatenation and split along channels, float and int', async () => {
    await expectBackendsAgree(() => {
      const a = seededTensor([2, 32, 32, 8], 6);
      const b = seededTensor([2, 32, 32, 24], 7);
      const joined = tf.concat([a, b], 3);
      const [p, q] = tf.split(joined, [20, 12], 3);
      const ints = tf.concat([tf.cast(tf.mul(a, 9), 'int32'), tf.cast(tf.mul(b, 9), 'int32')], 3);
      return [joined, p, q, ints.toFloat()];
    }, 0);
  });
});
