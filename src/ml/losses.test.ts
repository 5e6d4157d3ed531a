import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  combineLosses,
  deepSupervisedLoss,
  diceLoss,
  focalTverskyLoss,
  makeLoss,
  tverskyLoss,
  type LossSpec,
} from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const value = (t: tf.Tensor): number => t.dataSync()[0];

// Binary case, 4 pixels: q = 1 1 0 0, p = 0.8 0.6 0.3 0.1.
//   sum pq = 1.4, sum p^2 = 0.64 + 0.36 + 0.09 + 0.01 = 1.10, sum q^2 = 2
//   TP = 1.4, FP = sum p(1-q) = 0.4, FN = sum (1-p)q = 0.2 + 0.4 = 0.6
const binTrue = (): tf.Tensor4D => tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);
const binPred = (): tf.Tensor4D => tf.tensor4d([0.8, 0.6, 0.3, 0.1], [1, 2, 2, 1]);

// Three classes (0 = background), 2 pixels: true classes 1 and 2.
//   p(pixel 1) = 0.2 0.7 0.1, p(pixel 2) = 0.1 0.3 0.6
const mcTrue = (): tf.Tensor4D => tf.tensor4d([0, 1, 0, 0, 0, 1], [1, 1, 2, 3]);
const mcPred = (): tf.Tensor4D => tf.tensor4d([0.2, 0.7, 0.1, 0.1, 0.3, 0.6], [1, 1, 2, 3]);

describe('diceLoss (squared form)', () => {
  it('binary: 1 - 2*1.4 / (1.10 + 2) = 1 - 2.8/3.1 = 0.0967742', () => {
    expect(value(diceLoss(binTrue(), binPred()))).toBeCloseTo(0.0967742, 5);
  });

  it('multi-class averages foreground classes only by default', () => {
    // class 1: 1 - 1.4 / (0.49 + 0.09 + 1) = 1 - 1.4/1.58 = 0.113924
    // class 2: 1 - 1.2 / (0.01 + 0.36 + 1) = 1 - 1.2/1.37 = 0.124088; mean 0.119006
    expect(value(diceLoss(mcTrue(), mcPred()))).toBeCloseTo(0.119006, 5);
    // background has no true pixels: dice ~ 0, loss ~ 1; mean (1 + .113924 + .124088) / 3
    expect(value(diceLoss(mcTrue(), mcPred(), { includeBackground: true }))).toBeCloseTo(
      0.412671,
      4,
    );
  });

  it('is 0 for a perfect prediction and for an empty target predicted empty', () => {
    expect(value(diceLoss(binTrue(), binTrue()))).toBeCloseTo(0, 6);
    const empty = tf.zeros([1, 2, 2, 1]);
    expect(value(diceLoss(empty, empty))).toBeCloseTo(0, 6);
  });
});

describe('tverskyLoss', () => {
  it('binary: TI = 1.4 / (1.4 + 0.3*0.4 + 0.7*0.6) = 1.4/1.94, loss 0.278351', () => {
    expect(value(tverskyLoss(binTrue(), binPred()))).toBeCloseTo(0.278351, 5);
  });

  it('multi-class: mean over classes 1 and 2 of 1 - TI', () => {
    // class 1: TP .7, FP .3, FN .3 -> TI = .7 / (.7 + .09 + .21) = 0.7
    // class 2: TP .6, FP .1, FN .4 -> TI = .6 / (.6 + .03 + .28) = 0.659341
    // loss = (0.3 + 0.340659) / 2 = 0.320330
    expect(value(tverskyLoss(mcTrue(), mcPred()))).toBeCloseTo(0.32033, 5);
  });

  it('alpha weighs false positives and beta false negatives', () => {
    const t = tf.tensor4d([1, 1, 0, 0], [1, 2, 2, 1]);
    const onlyFP = tf.tensor4d([1, 1, 1, 0], [1, 2, 2, 1]); // TP 2, FP 1, FN 0
    const onlyFN = tf.tensor4d([1, 0, 0, 0], [1, 2, 2, 1]); // TP 1, FP 0, FN 1
    // 1 - 2/(2 + 0.3) = 0.130435 and 1 - 1/(1 + 0.7) = 0.411765
    expect(value(tverskyLoss(t, onlyFP))).toBeCloseTo(0.130435, 5);
    expect(value(tverskyLoss(t, onlyFN))).toBeCloseTo(0.411765, 5);
    // With alpha = beta = 0.5 the Tversky index is the plain Dice coefficient:
    // TP 2, FP 1: 2 / (2 + 0.5) = 0.8 = 2*2 / (3 + 2), loss 0.2.
    expect(value(tverskyLoss(t, onlyFP, { alpha: 0.5, beta: 0.5 }))).toBeCloseTo(0.2, 5);
  });
});

describe('focalTverskyLoss', () => {
  it('raises 1 - TI to gamma = 0.75: 0.278351^0.75 = 0.383216', () => {
    expect(value(focalTverskyLoss(binTrue(), binPred()))).toBeCloseTo(0.383216, 5);
    expect(value(focalTverskyLoss(binTrue(), binPred(), { gamma: 1 }))).toBeCloseTo(0.278351, 5);
  });

  it('has a finite gradient at a perfect prediction', () => {
    const g = tf.grad((p: tf.Tensor) => focalTverskyLoss(binTrue(), p))(binTrue());
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
  });
});

describe('cross-entropies', () => {
  it('binary: -(ln .8 + ln .6 + ln .7 + ln .9) / 4 = 0.299001', () => {
    expect(value(binaryCrossEntropy(binTrue(), binPred()))).toBeCloseTo(0.299001, 5);
  });

  it('categorical: -(ln 0.7 + ln 0.6) / 2 = 0.433750', () => {
    expect(value(categoricalCrossEntropy(mcTrue(), mcPred()))).toBeCloseTo(0.43375, 5);
  });

  it('clip probabilities so certain mistakes stay finite', () => {
    const t = tf.tensor4d([1, 0], [1, 1, 2, 1]);
    const p = tf.tensor4d([0, 1], [1, 1, 2, 1]);
    const bce = value(binaryCrossEntropy(t, p));
    expect(Number.isFinite(bce)).toBe(true);
    expect(bce).toBeGreaterThan(10); // -ln(1e-7) = 16.1
  });

  it('take 3-D maps [n, d, h, w, c] with the values and gradients of the same voxels as 2-D', () => {
    const cases = [
      { loss: binaryCrossEntropy, t: binTrue(), p: binPred() },
      { loss: categoricalCrossEntropy, t: mcTrue(), p: mcPred() },
    ];
    for (const { loss, t, p } of cases) {
      const shape5 = [1, 1, ...t.shape.slice(1)] as [number, number, number, number, number];
      const grad4 = tf.grad((x: tf.Tensor) => loss(t, x))(p);
      const grad5 = tf.grad((x: tf.Tensor) => loss(t.reshape(shape5), x))(p.reshape(shape5));
      expect(value(loss(t.reshape(shape5), p.reshape(shape5)))).toBeCloseTo(value(loss(t, p)), 6);
      expect(grad5.shape).toEqual(shape5);
      expect(Array.from(grad5.dataSync())).toEqual(Array.from(grad4.dataSync()));
    }
  });
});

describe('combining losses', () => {
  it('combineLosses weights and sums: 0.5 * 0.119006 + 1 * 0.433750 = 0.493253', () => {
    const loss = combineLosses([
      { loss: (t, p) => diceLoss(t, p), weight: 0.5 },
      { loss: (t, p) => categoricalCrossEntropy(t, p), weight: 1 },
    ]);
    expect(value(loss(mcTrue(), mcPred()))).toBeCloseTo(0.493253, 5);
  });

  it('makeLoss builds the same losses from a JSON-serializable spec', () => {
    const spec: LossSpec = {
      name: 'combo',
      terms: [
        { spec: { name: 'tversky', params: { alpha: 0.3, beta: 0.7 } }, weight: 2 },
        { spec: { name: 'bce' }, weight: 1 },
      ],
    };
    const loss = makeLoss(JSON.parse(JSON.stringify(spec)) as LossSpec);
    // 2 * 0.278351 + 0.299001 = 0.855703
    expect(value(loss(binTrue(), binPred()))).toBeCloseTo(0.855703, 5);
    expect(value(makeLoss({ name: 'dice' })(binTrue(), binPred()))).toBeCloseTo(0.0967742, 5);
    expect(
      value(makeLoss({ name: 'focalTversky', params: { gamma: 2 } })(binTrue(), binPred())),
    ).toBeCloseTo(0.278351 ** 2, 5);
    expect(value(makeLoss({ name: 'cce' })(mcTrue(), mcPred()))).toBeCloseTo(0.43375, 5);
  });

  it('deepSupervisedLoss adds weighted side-output losses to the final one', () => {
    const loss = deepSupervisedLoss((t, p) => diceLoss(t, p), [0.5, 0.25]);
    const perfect = binTrue();
    // final 0 + 0.5 * 0.0967742 + 0.25 * 0.0967742 = 0.0725806
    expect(value(loss(binTrue(), [perfect, binPred(), binPred()]))).toBeCloseTo(0.0725806, 5);
    expect(() => loss(binTrue(), [perfect])).toThrow(/expected 3 outputs/);
  });

  it('does not leak tensors', () => {
    const t = binTrue();
    const p = binPred();
    const before = tf.memory().numTensors;
    for (const spec of [
      { name: 'dice' },
      { name: 'tversky' },
      { name: 'focalTversky' },
      { name: 'bce' },
    ] as LossSpec[]) {
      makeLoss(spec)(t, p).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
