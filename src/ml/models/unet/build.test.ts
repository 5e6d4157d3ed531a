import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { buildUNet } from './build';
import { unetFilters } from './index';
import type { UNetSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<UNetSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildUNet(spec);
  built.push(m);
  return m;
}

const base: UNetSpec = {
  kind: 'unet',
  depth: 3,
  baseFilters: 4,
  maxFilters: 256,
  kernelSize: 3,
  normalization: 'none',
  dropout: 0,
  activation: 'relu',
  deepSupervision: false,
};
const spec = (arch: Partial<UNetSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...base, ...arch },
  inputSize: 32,
  inChannels: 1,
  numClasses: 1,
  ...io,
});

/** Parameter count derived by hand from the architecture, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const f = unetFilters(a);
  let trainable = 0;
  let bnChannels = 0;
  const normalized = a.normalization !== 'none';
  const conv = (k: number, i: number, o: number, bias: boolean): number =>
    k * k * i * o + (bias ? o : 0);
  const double = (i: number, o: number): void => {
    trainable += conv(a.kernelSize, i, o, !normalized) + conv(a.kernelSize, o, o, !normalized);
    // Batch norm: scale and shift trained, mean and variance tracked; instance norm: the
    // scale and shift only.
    if (a.normalization === 'batch') bnChannels += 2 * o;
    if (a.normalization === 'instance') trainable += 2 * 2 * o;
    if (a.activation === 'prelu') trainable += 2 * o;
  };
  let c = s.inChannels * (s.contextSlices ?? 1);
  for (const fl of f) {
    double(c, fl);
    c = fl;
  }
  for (let l = a.depth - 2; l >= 0; l--) {
    const transposed = (a.upMode ?? 'transposed') === 'transposed';
    if (transposed) trainable += conv(2, c, f[l], true);
    double((transposed ? f[l] : c) + f[l], f[l]);
    c = f[l];
    if (a.deepSupervision && l > 0) trainable += conv(1, c, s.numClasses, true);
  }
  trainable += conv(1, c, s.numClasses, true) + 2 * bnChannels;
  return { trainable, nonTrainable: 2 * bnChannels };
}

describe('U-Net parameter counts', () => {
  it('the prostate-study preset reproduces the blog exactly: 5,403,874 + 0', () => {
    expect(countParams(build(presetSpec('unet', 'blog')))).toEqual({
      trainable: 5_403_874,
      nonTrainable: 0,
    });
  });

  it('the studio preset (5 levels, 16 -> 256, BN, 1 -> 1 channel) has 1,942,289 + 2,944', () => {
    // By hand: encoder 3x3 convs without bias + BN (2 trainable, 2 moving per channel),
    // 2x2 up-convolutions with bias, decoder like the encoder, 1x1 output with bias:
    // 1,179,472 (encoder and bottom) + 762,800 (decoder) + 17 = 1,942,289 trainable;
    // 2 x (16+32+64+128+256+128+64+32+16) = 2,944 moving statistics.
    expect(countParams(build(presetSpec('unet', 'studio')))).toEqual({
      trainable: 1_942_289,
      nonTrainable: 2_944,
    });
  });

  it('classic preset (5 levels, 64 -> 1024, 1 -> 2 channels) has 31,030,658', () => {
    expect(countParams(build(presetSpec('unet', 'classic')))).toEqual({
      trainable: 31_030_658,
      nonTrainable: 0,
    });
  });

  const variants: Array<[string, Spec]> = [
    [
      'depth 5, capped, 5x5, BN, PReLU',
      spec({
        depth: 5,
        baseFilters: 8,
        maxFilters: 32,
        kernelSize: 5,
        normalization: 'batch',
        activation: 'prelu',
      }),
    ],
    [
      'depth 3, instance norm, LeakyReLU, 2.5-D input of 5 slices',
      spec({ normalization: 'instance', activation: 'leakyrelu' }, { contextSlices: 5 }),
    ],
    [
      'depth 4, upsample, 3 -> 4 channels',
      spec({ depth: 4, upMode: 'upsample' }, { inChannels: 3, numClasses: 4 }),
    ],
    [
      'depth 4, deep supervision, dropout',
      spec({ depth: 4, deepSupervision: true, dropout: 0.3 }, { numClasses: 3 }),
    ],
    ['HipMRI preset', presetSpec('unet', 'hipmri')],
  ];
  for (const [name, s] of variants) {
    it(`matches the hand-derived count: ${name}`, () => {
      expect(countParams(build(s))).toEqual(expectedParams(s));
    });
  }
});

describe('U-Net shapes', () => {
  for (const depth of [3, 4, 5] as const) {
    it(`depth ${depth} keeps the input size and halves it ${depth - 1} times`, () => {
      const m = build(
        spec({ depth, normalization: 'batch', activation: 'prelu' }, { numClasses: 3 }),
      );
      expect(m.outputs[0].shape).toEqual([null, 32, 32, 3]);
      const bottom = m.getLayer(`enc_l${depth - 1}_act2`).output as tf.SymbolicTensor;
      const edge = 32 / 2 ** (depth - 1);
      expect(bottom.shape).toEqual([null, edge, edge, 4 * 2 ** (depth - 1)]);
      const y = m.predict(tf.zeros([2, 32, 32, 1])) as tf.Tensor;
      expect(y.shape).toEqual([2, 32, 32, 3]);
      // Softmax output: probabilities sum to one per pixel.
      expect(tf.sum(y, -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
      y.dispose();
    });
  }

  it('deep supervision adds full-resolution side outputs, coarsest first', () => {
    const m = build(spec({ depth: 4, deepSupervision: true }, { numClasses: 2 }));
    expect(m.outputNames).toEqual(['dec_out', 'dec_side2', 'dec_side1']);
    const ys = m.predict(tf.zeros([1, 32, 32, 1])) as tf.Tensor[];
    expect(ys.map((y) => y.shape)).toEqual([
      [1, 32, 32, 2],
      [1, 32, 32, 2],
      [1, 32, 32, 2],
    ]);
    tf.dispose(ys);
  });

  it('uses a sigmoid for one class, 2x2 up-convolutions by default', () => {
    const m = build(spec({ kernelSize: 5 }));
    expect(m.getLayer('dec_out').getConfig()['activation']).toBe('sigmoid');
    expect(m.getLayer('dec_l0_up').getClassName()).toBe('Conv2DTranspose');
    expect(
      build(spec({ upMode: 'upsample' }))
        .getLayer('dec_l0_up')
        .getClassName(),
    ).toBe('UpSampling2D');
  });

  it('names every layer enc_* or dec_*', () => {
    const m = build(
      spec({
        depth: 4,
        normalization: 'batch',
        dropout: 0.2,
        dropoutKind: 'spatial',
        deepSupervision: true,
      }),
    );
    const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
    expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
    expect(m.getLayer('enc_l3_drop').getClassName()).toBe('SpatialDropout2D');
  });

  it('rejects sizes the pools cannot halve', () => {
    expect(() => buildUNet(spec({ depth: 5 }, { inputSize: 40 }))).toThrow(/divisible by 16/);
  });
});
