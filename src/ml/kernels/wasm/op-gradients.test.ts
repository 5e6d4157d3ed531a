import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels } from './index';
import { expectBackendsAgree, runOn, seededTensor } from './testing';

type Op = (x: tf.Tensor4D) => tf.Tensor;

/** Output of `op` on a seeded [3,7,5,4] input, plus d(sum(op(x) * r))/dx. */
function opAndGrad(op: Op, xShape = [3, 7, 5, 4], transform: Op = (x) => x): () => tf.Tensor[] {
  return () => {
    const x = transform(seededTensor(xShape, 1) as tf.Tensor4D) as tf.Tensor4D;
    const y = op(x);
    const r = seededTensor(y.shape, 2);
    return [
      y,
      tf.grad((a: tf.Tensor) =>
        op(a as tf.Tensor4D)
          .mul(r)
          .sum(),
      )(x),
    ];
  };
}

/** Rounded, ReLU'd values: pooling windows full of ties, as after a real ReLU. */
const withTies: Op = (x) => tf.relu(tf.round(x.mul(2)));

describe('max pooling gradient (MaxPoolGrad) matches the cpu backend, ties included', () => {
  const cases: Array<[string, Op]> = [
    ['2x2 stride 2 valid', (x) => tf.maxPool(x, 2, 2, 'valid')],
    ['2x2 stride 2 same', (x) => tf.maxPool(x, 2, 2, 'same')],
    ['3x3 stride 2 same', (x) => tf.maxPool(x, 3, 2, 'same')],
    ['3x3 stride 1 same (overlapping windows)', (x) => tf.maxPool(x, 3, 1, 'same')],
  ];
  for (const [name, op] of cases) {
    it(name, async () => {
      // Overlapping windows add several dy into one dx, in another order than on cpu.
      await expectBackendsAgree(opAndGrad(op, [3, 7, 5, 4], withTies), 1e-6);
      await expectBackendsAgree(opAndGrad(op, [1, 7, 5, 3]), 1e-6);
    });
  }
});

describe('concat and split (Concat, SplitV) match the cpu backend', () => {
  for (const axis of [0, 1, 2, 3]) {
    it(`axis ${axis}`, async () => {
      const other = [3, 7, 5, 4];
      other[axis] = 2;
      await expectBackendsAgree(() => {
        const [a, b] = [seededTensor([3, 7, 5, 4], 1), seededTensor(other, 2)];
        const f = (p: tf.Tensor, q: tf.Tensor) => tf.concat([p, q.square()], axis);
        const r = seededTensor(f(a, b).shape, 3);
        const splitShape = [3, 7, 5, 4];
        splitShape[axis] = 6;
        const pieces = tf.split(seededTensor(splitShape, 4), [1, 3, 2], axis);
        return [f(a, b), ...tf.grads((p, q) => f(p, q).mul(r).sum())([a, b]), ...pieces];
      }, 0);
    });
  }

  it('int32 concat and a single-input concat', async () => {
    await expectBackendsAgree(() => {
      const a = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
      return [tf.concat([a, a.add(10)], 1).toFloat(), tf.concat([a], 0).toFloat()];
    }, 0);
  });
});

describe('other gradients of our networks agree with the cpu backend', () => {
  const cases: Array<[string, Op]> = [
    [
      'depthwise conv, multiplier 2, stride 1 same',
      (x) => tf.depthwiseConv2d(x, seededTensor([3, 3, 4, 2], 5) as tf.Tensor4D, 1, 'same'),
    ],
    [
      'depthwise conv, stride 2 valid',
      (x) => tf.depthwiseConv2d(x, seededTensor([3, 2, 4, 1], 5) as tf.Tensor4D, 2, 'valid'),
    ],
    [
      'gather with repeated indices (UnsortedSegmentSum)',
      (x) => tf.gather(x, tf.tensor1d([3, 0, 3, 1, 3], 'int32'), 3),
    ],
    ['average pooling', (x) => tf.avgPool(x, 2, 2, 'same')],
    ['PReLU', (x) => tf.prelu(x, [0.25, -0.1, 0.5, 0.05])],
    ['softmax + log', (x) => tf.log(tf.softmax(x).add(1e-3))],
    ['sigmoid', (x) => tf.sigmoid(x)],
    [
      'batch norm with batch moments',
      (x) => {
        const { mean, variance } = tf.moments(x, [0, 1, 2]);
        return tf.batchNorm(
          x,
          mean,
          variance,
          tf.tensor1d([0.1, 0, -0.2, 0.3]),
          tf.tensor1d([1, 2, 0.5, 1]),
          1e-3,
        );
      },
    ],
    ['spatial dropout mask (fixed seed)', (x) => tf.dropout(x, 0.5, [3, 1, 1, 4], 7)],
    ['mean over space', (x) => tf.mean(x, [1, 2])],
  ];
  for (const [name, op] of cases) {
    it(name, async () => {
      await expectBackendsAgree(opAndGrad(op));
    });
  }

  it('unsortedSegmentSum forward, ids out of order and repeated', async () => {
    await expectBackendsAgree(() => [
      tf.unsortedSegmentSum(seededTensor([5, 3, 2], 1), tf.tensor1d([2, 0, 2, 3, 0], 'int32'), 4),
    ]);
  });
});

/** <a, b> over all elements. */
function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, v, i) => s + v * b[i], 0);
}

// tfjs 4.22's cpu backend gets these gradients wrong (ResizeBilinearGrad returns a
// [b, w, h, c] shape, ResizeNearestNeighborGrad wrong values), so the stock wasm kernels
// are checked on their own: resizing is linear, so <resize(x), r> = <x, gradient(r)>.
describe('resize gradients satisfy the adjoint identity on wasm', () => {
  const resizes: Array<[string, Op]> = [
    ['bilinear 7x5 -> 14x10', (x) => tf.image.resizeBilinear(x, [14, 10])],
    ['bilinear 7x5 -> 4x3', (x) => tf.image.resizeBilinear(x, [4, 3])],
    ['nearest 7x5 -> 14x10', (x) => tf.image.resizeNearestNeighbor(x, [14, 10])],
    ['nearest 7x5 -> 4x3', (x) => tf.image.resizeNearestNeighbor(x, [4, 3])],
  ];
  for (const [name, op] of resizes) {
    it(name, async () => {
      const wasm = await runOn('wasm', () => {
        const [y, dx] = opAndGrad(op)();
        return [tf.sum(y.mul(seededTensor(y.shape, 2))), seededTensor([3, 7, 5, 4], 1), dx];
      });
      const [lhs, x, dx] = wasm.values;
      expect(Math.abs(lhs[0] - dot(x, dx))).toBeLessThanOrEqual(1e-4 * Math.abs(lhs[0]));
      expect(wasm.shapes[2]).toEqual([3, 7, 5, 4]);
    });
  }
});

describe('registration', () => {
  it('registers every listed kernel on wasm, idempotently', () => {
    registerWasmTrainingKernels();
    const first = WASM_TRAINING_KERNELS.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels();
    const second = WASM_TRAINING_KERNELS.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    expect(first.every((f) => typeof f === 'function')).toBe(true);
    expect(second).toEqual(first);
    expect(WASM_TRAINING_KERNELS).toContain('Conv2DBackpropFilter');
  });

  it('clone shares the buffer yet survives disposal of the original (Identity)', async () => {
    const out = await runOn('wasm', () => {
      const a = seededTensor([2, 3], 1);
      const b = a.clone();
      const expected = a.add(0);
      a.dispose();
      return [b, expected];
    });
    expect(out.values[0]).toEqual(out.values[1]);
  });
});
