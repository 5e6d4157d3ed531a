import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectBackendsAgree, seededTensor } from './testing';

describe('Tile matches the cpu backend', () => {
  const cases: Array<[number[], number[]]> = [
    [
      [1, 1, 1, 5],
      [3, 7, 5, 1],
    ], // batch-norm gradient pattern
    [
      [3, 7, 5, 4],
      [1, 1, 1, 2],
    ],
    [
      [2, 3],
      [3, 2],
    ],
    [[4], [5]],
    [
      [2, 1, 3, 1, 2],
      [1, 4, 1, 3, 2],
    ],
    [
      [3, 2],
      [0, 2],
    ],
  ];
  for (const [shape, reps] of cases) {
    it(`${JSON.stringify(shape)} x ${JSON.stringify(reps)}`, async () => {
      await expectBackendsAgree(() => {
        const x = seededTensor(shape, 1);
        const r = seededTensor(
          shape.map((d, i) => d * reps[i]),
          2,
        );
        const ints = tf.tile(tf.cast(tf.mul(x, 10), 'int32'), reps).toFloat();
        // tfjs has no Tile gradient beyond rank 4.
        if (shape.length > 4) return [tf.tile(x, reps), ints];
        const grad = tf.grad((a: tf.Tensor) => tf.tile(a, reps).mul(r).sum())(x);
        return [tf.tile(x, reps), grad, ints];
      }, 1e-6);
    });
  }
});

describe('broadcasting comparisons match the cpu backend', () => {
  const pairs: Array<[number[], number[]]> = [
    [
      [2, 3, 4, 5, 4],
      [2, 3, 4, 5, 1],
    ],
    [
      [3, 1],
      [1, 4],
    ],
    [[3, 7, 5, 4], [4]],
    [[], [2, 3]],
  ];
  const ops = [tf.equal, tf.notEqual, tf.greater, tf.greaterEqual, tf.less, tf.lessEqual];
  for (const [sa, sb] of pairs) {
    it(`${JSON.stringify(sa)} vs ${JSON.stringify(sb)}, float32 and int32`, async () => {
      await expectBackendsAgree(() => {
        // Rounded values so that equality actually happens.
        const a = tf.round(seededTensor(sa, 1).mul(2));
        const b = tf.round(seededTensor(sb, 2).mul(2));
        const [ai, bi] = [tf.cast(a, 'int32'), tf.cast(b, 'int32')];
        return ops.flatMap((op) => [op(a, b).toFloat(), op(ai, bi).toFloat(), op(b, a).toFloat()]);
      }, 0);
    });
  }
});

describe('spaceToBatchND and batchToSpaceND match the cpu backend', () => {
  const cases: Array<[number[], number[], number[][]]> = [
    [
      [3, 7, 5, 4],
      [2, 2],
      [
        [1, 0],
        [0, 1],
      ],
    ],
    [
      [1, 7, 5, 3],
      [2, 3],
      [
        [1, 2],
        [2, 2],
      ],
    ],
    [
      [2, 4, 6, 2],
      [4, 2],
      [
        [4, 4],
        [2, 2],
      ],
    ],
    [
      [2, 2, 2, 3],
      [4, 4],
      [
        [4, 6],
        [2, 8],
      ],
    ],
  ];
  for (const [shape, blockShape, paddings] of cases) {
    it(`${JSON.stringify(shape)}, block ${JSON.stringify(blockShape)}, pads ${JSON.stringify(paddings)}`, async () => {
      await expectBackendsAgree(() => {
        const x = seededTensor(shape, 1);
        const s = tf.spaceToBatchND(x, blockShape, paddings);
        const back = tf.batchToSpaceND(s, blockShape, paddings);
        const r = seededTensor(s.shape, 2);
        const grad = tf.grad((a: tf.Tensor) =>
          tf.spaceToBatchND(a, blockShape, paddings).mul(r).sum(),
        )(x);
        const ints = tf
          .spaceToBatchND(tf.cast(tf.mul(x, 10), 'int32'), blockShape, paddings)
          .toFloat();
        return [s, back, grad, ints];
      }, 0);
    });
  }
});

describe('Sum and Mean over leading axes match the cpu backend', () => {
  const cases: Array<[number[], number[], boolean]> = [
    [[3, 7, 5, 8], [0, 1, 2], false],
    [[3, 7, 5, 16], [2, 0, 1], true],
    [[6, 40], [0], false],
    [[3, 7, 5, 4], [0, 1, 2], false],
    [[3, 7, 5, 8], [1, 2], false],
  ];
  for (const [shape, axes, keepDims] of cases) {
    it(`${JSON.stringify(shape)} over ${JSON.stringify(axes)}${keepDims ? ', keepDims' : ''}`, async () => {
      await expectBackendsAgree(() => {
        const x = seededTensor(shape, 1);
        const r = seededTensor(tf.sum(x, axes, keepDims).shape, 2);
        const grad = tf.grad((a: tf.Tensor) => tf.mean(a, axes, keepDims).mul(r).sum())(x);
        return [tf.sum(x, axes, keepDims), tf.mean(x, axes, keepDims), grad];
      }, 1e-6);
    });
  }
});
