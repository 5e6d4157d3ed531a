import { describe, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectBackendsAgree, seededTensor } from './testing';

type Conv = (x: tf.Tensor5D, w: tf.Tensor5D) => tf.Tensor5D;

/** y = conv(x, w) and the gradients of sum(y * r) for a fixed random r. */
function convAndGrads(xShape: number[], wShape: number[], conv: Conv): () => tf.Tensor[] {
  return () => {
    const x = seededTensor(xShape, 1) as tf.Tensor5D;
    const w = seededTensor(wShape, 2) as tf.Tensor5D;
    const y = conv(x, w);
    const r = seededTensor(y.shape, 3);
    const loss = (a: tf.Tensor, b: tf.Tensor) =>
      conv(a as tf.Tensor5D, b as tf.Tensor5D)
        .mul(r)
        .sum();
    return [y, ...tf.grads(loss)([x, w])];
  };
}

const KERNELS: Array<[number, number, number]> = [
  [3, 3, 3],
  [1, 1, 1],
  [2, 2, 2],
  [3, 1, 2],
];

// 2 and 5 input channels take the two code paths of the unit-stride filter gradient.
describe('conv3d forward and gradients match the cpu backend (5x6x4 inputs -> 3 channels)', () => {
  for (const batch of [1, 2]) {
    for (const stride of [1, 2] as const) {
      for (const pad of ['same', 'valid'] as const) {
        for (const k of KERNELS) {
          for (const c of [2, 5]) {
            it(`batch ${batch}, stride ${stride}, ${pad}, ${k.join('x')}, ${c} in`, async () => {
              const f: Conv = (x, w) => tf.conv3d(x, w, stride, pad);
              await expectBackendsAgree(convAndGrads([batch, 5, 6, 4, c], [...k, c, 3], f));
            });
          }
        }
      }
    }
  }

  it('one input channel, a depth shorter than the kernel', async () => {
    const f: Conv = (x, w) => tf.conv3d(x, w, 1, 'same');
    await expectBackendsAgree(convAndGrads([2, 2, 7, 5, 1], [3, 3, 3, 1, 4], f));
  });

  it('anisotropic strides [1, 2, 2]', async () => {
    const f: Conv = (x, w) => tf.conv3d(x, w, [1, 2, 2], 'same');
    await expectBackendsAgree(convAndGrads([1, 4, 6, 6, 3], [3, 3, 3, 3, 4], f));
  });
});

describe('conv3dTranspose forward (the up-path) matches the cpu backend', () => {
  for (const k of [2, 3]) {
    for (const pad of ['same', 'valid'] as const) {
      it(`kernel ${k}, stride 2, ${pad}`, async () => {
        await expectBackendsAgree(() => {
          const x = seededTensor([2, 2, 3, 3, 6], 1) as tf.Tensor5D;
          const w = seededTensor([k, k, k, 4, 6], 2) as tf.Tensor5D;
          const out =
            pad === 'same' ? [2, 4, 6, 6, 4] : [2, 2 * 2 + k - 2, 3 * 2 + k - 2, 3 * 2 + k - 2, 4];
          return [
            tf.conv3dTranspose(x, w, out as [number, number, number, number, number], 2, pad),
          ];
        });
      });
    }
  }
});

describe('maxPool3d gradient matches the cpu backend', () => {
  for (const [size, stride, pad] of [
    [2, 2, 'valid'],
    [3, 2, 'same'],
    [2, 1, 'valid'],
  ] as const) {
    it(`window ${size}, stride ${stride}, ${pad}, ties included`, async () => {
      await expectBackendsAgree(() => {
        // Rounded values: many windows hold equal maxima.
        const x = tf.round(tf.mul(seededTensor([2, 4, 6, 5, 3], 1), 2)) as tf.Tensor5D;
        const f = (a: tf.Tensor) => tf.maxPool3d(a as tf.Tensor5D, size, stride, pad);
        const r = seededTensor(f(x).shape, 2);
        return [f(x), tf.grad((a) => f(a).mul(r).sum())(x)];
      });
    });
  }
});
