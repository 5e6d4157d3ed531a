import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectBackendsAgree, relativeError, runOn, seeded, seededTensor } from './testing';

type Pad =
  | 'same'
  | 'valid'
  | [[number, number], [number, number], [number, number], [number, number]];
const PADS: Pad[] = [
  'same',
  'valid',
  [
    [0, 0],
    [1, 2],
    [2, 0],
    [0, 0],
  ],
];
const FILTERS: Array<[number, number]> = [
  [3, 3],
  [1, 1],
  [2, 2],
  [5, 1],
];

/** y = conv(x, w) and the gradients of sum(y * r) for a fixed random r. */
function convAndGrads(
  xShape: number[],
  wShape: number[],
  conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D,
): () => tf.Tensor[] {
  return () => {
    const x = seededTensor(xShape, 1) as tf.Tensor4D;
    const w = seededTensor(wShape, 2) as tf.Tensor4D;
    const y = conv(x, w);
    const r = seededTensor(y.shape, 3);
    const loss = (a: tf.Tensor, b: tf.Tensor) =>
      conv(a as tf.Tensor4D, b as tf.Tensor4D)
        .mul(r)
        .sum();
    return [y, ...tf.grads(loss)([x, w])];
  };
}

// 3 and 6 input channels take the two code paths of the stride-1 filter gradient.
describe('conv2d forward and backward match the cpu backend (7x5 inputs, 3 or 6 -> 5 channels)', () => {
  for (const batch of [1, 3]) {
    for (const stride of [1, 2]) {
      for (const pad of PADS) {
        for (const [kh, kw] of FILTERS) {
          for (const c of [3, 6]) {
            it(`batch ${batch}, stride ${stride}, pad ${JSON.stringify(pad)}, ${kh}x${kw}, ${c} in`, async () => {
              const f = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, stride, pad);
              await expectBackendsAgree(convAndGrads([batch, 7, 5, c], [kh, kw, c, 5], f));
            });
          }
        }
      }
    }
  }

  it('fused conv2d with bias and relu (the kernel tf.layers may use)', async () => {
    await expectBackendsAgree(() => {
      const [x, w, bias] = [
        seededTensor([3, 7, 5, 3], 1),
        seededTensor([3, 3, 3, 5], 2),
        seededTensor([5], 4),
      ];
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.fused.conv2d({
          x: a as tf.Tensor4D,
          filter: b as tf.Tensor4D,
          bias: c,
          strides: 2,
          pad: 'same',
          activation: 'relu',
        });
      const r = seededTensor(f(x, w, bias).shape, 3);
      return [f(x, w, bias), ...tf.grads((a, b, c) => f(a, b, c).mul(r).sum())([x, w, bias])];
    });
  });
});

describe('conv2dTranspose forward and backward match the cpu backend (7x5 outputs)', () => {
  for (const batch of [1, 3]) {
    for (const stride of [1, 2]) {
      for (const pad of ['same', 'valid'] as const) {
        for (const k of [2, 3]) {
          it(`batch ${batch}, stride ${stride}, ${pad}, ${k}x${k}`, async () => {
            const outShape: [number, number, number, number] = [batch, 7, 5, 3];
            const g = tf.backend_util.computeConv2DInfo(outShape, [k, k, 3, 5], stride, 1, pad);
            const f = (x: tf.Tensor4D, w: tf.Tensor4D) =>
              tf.conv2dTranspose(x, w, outShape, stride, pad);
            await expectBackendsAgree(convAndGrads(g.outShape, [k, k, 3, 5], f));
          });
        }
      }
    }
  }
});

/** The dilated filter written out with zeros between taps: same convolution, no dilation. */
function zeroInserted(w: Float32Array, shape: number[], d: number): tf.Tensor4D {
  const [kh, kw, c, o] = shape;
  const [eh, ew] = [(kh - 1) * d + 1, (kw - 1) * d + 1];
  const out = new Float32Array(eh * ew * c * o);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      out.set(
        w.subarray((i * kw + j) * c * o, (i * kw + j + 1) * c * o),
        (i * d * ew + j * d) * c * o,
      );
    }
  }
  return tf.tensor4d(out, [eh, ew, c, o]);
}

describe('dilation 2', () => {
  for (const batch of [1, 3]) {
    for (const [pad, c] of [
      ['same', 3],
      ['valid', 6],
    ] as const) {
      it(`backprop kernels honour a dilations attribute (batch ${batch}, ${pad}, ${c} in)`, async () => {
        const xShape = [batch, 7, 5, c];
        const wShape = [3, 3, c, 5];
        const wValues = seeded(3 * 3 * c * 5, 2);
        // Reference: cpu gradients of the same convolution with a zero-inserted filter.
        const cpu = await runOn('cpu', () => {
          const x = seededTensor(xShape, 1) as tf.Tensor4D;
          const conv = (a: tf.Tensor, b: tf.Tensor) =>
            tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, pad);
          const r = seededTensor(conv(x, zeroInserted(wValues, wShape, 2)).shape, 3);
          const [dx, dwd] = tf.grads((a, b) => conv(a, b).mul(r).sum())([
            x,
            zeroInserted(wValues, wShape, 2),
          ]);
          return [dx, tf.stridedSlice(dwd, [0, 0, 0, 0], [5, 5, c, 5], [2, 2, 1, 1])];
        });
        const wasm = await runOn('wasm', () => {
          const x = seededTensor(xShape, 1) as tf.Tensor4D;
          const w = tf.tensor4d(wValues, [3, 3, c, 5]);
          const r = seededTensor(tf.conv2d(x, w, 1, pad, 'NHWC', 2).shape, 3);
          const attrs = { strides: 1, pad, dataFormat: 'NHWC', dilations: 2 };
          return [
            tf
              .engine()
              .runKernel(
                'Conv2DBackpropInput',
                { dy: r, filter: w },
                { ...attrs, inputShape: xShape },
              ),
            tf
              .engine()
              .runKernel('Conv2DBackpropFilter', { x, dy: r }, { ...attrs, filterShape: wShape }),
          ] as tf.Tensor[];
        });
        expect(wasm.shapes).toEqual(cpu.shapes);
        cpu.values.forEach((v, i) =>
          expect(relativeError(wasm.values[i], v)).toBeLessThanOrEqual(1e-4),
        );
      });
    }

    it(`dilated conv as spaceToBatchND -> conv -> batchToSpaceND trains alike (batch ${batch})`, async () => {
      const dilated = (x: tf.Tensor4D, w: tf.Tensor4D) => {
        const paddings = [
          [2, 3],
          [2, 3],
        ];
        const s = tf.spaceToBatchND<tf.Tensor4D>(x, [2, 2], paddings);
        const crops = [
          [0, 1],
          [0, 1],
        ];
        return tf.batchToSpaceND<tf.Tensor4D>(tf.conv2d(s, w, 1, 'valid'), [2, 2], crops);
      };
      const out = await expectBackendsAgree(convAndGrads([batch, 7, 5, 3], [3, 3, 3, 5], dilated));
      expect(out.shapes[0]).toEqual([batch, 7, 5, 5]);
    });
  }
});
