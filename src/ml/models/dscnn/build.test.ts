import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { buildDSCNN } from './build';
import { DSCNN_SIDE_OUTPUTS, dscnnFilters } from './index';
import type { DSCNNSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<DSCNNSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildDSCNN(spec);
  built.push(m);
  return m;
}

const base: DSCNNSpec = {
  kind: 'dscnn',
  baseFilters: 4,
  maxFilters: 16,
  normalization: 'batch',
  activation: 'relu',
};
const spec = (arch: Partial<DSCNNSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...base, ...arch },
  inputSize: 32,
  inChannels: 1,
  numClasses: 1,
  ...io,
});

/** Parameter count derived by hand from the architecture, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const f = dscnnFilters(a);
  const k = s.numClasses;
  const bias = a.normalization === 'none';
  const conv = (size: number, i: number, o: number, b: boolean): number =>
    size * size * i * o + (b ? o : 0);
  let trainable = 0;
  let moving = 0;
  const stage = (i: number, o: number): void => {
    trainable += conv(3, i, o, bias) + conv(3, o, o, bias) + conv(1, o, o, bias);
    // Batch norm: scale and shift trained, mean and variance tracked; instance norm: scale
    // and shift; PReLU: one slope per channel; three of each per stage.
    if (a.normalization === 'batch') moving += 3 * 2 * o;
    if (a.normalization !== 'none') trainable += 3 * 2 * o;
    if (a.activation === 'prelu') trainable += 3 * o;
  };
  const side = (c: number): number => conv(3, c, k, true);
  let c = s.inChannels * (s.contextSlices ?? 1);
  for (const fl of f) {
    stage(c, fl);
    c = fl;
    trainable += side(c);
  }
  for (let level = 3; level >= 0; level--) {
    trainable += conv(2, c, f[level], true);
    stage(2 * f[level], f[level]);
    c = f[level];
    if (level > 0) trainable += side(c);
  }
  trainable += conv(1, c, k, true);
  return { trainable, nonTrainable: moving };
}

describe('DS-CNN parameter counts', () => {
  it("Zhu et al.'s widths (64 -> 512), 1 -> 1 channel, no normalization: 21,526,025", () => {
    // By hand: compression stages 64, 128, 256, 512, 512 (two 3x3 + one 1x1 with biases)
    // 10,015,616; expansion stages (2x2 up-convolution, then the same three convolutions on
    // the concatenation) 11,489,024; eight 3x3 side deconvolutions to one map 21,320; final
    // 1x1 65.
    const s = presetSpec('dscnn', 'paper');
    expect(expectedParams(s)).toEqual({ trainable: 21_526_025, nonTrainable: 0 });
    expect(countParams(build({ ...s, inputSize: 32 }))).toEqual(expectedParams(s));
  });

  it('the studio preset (16 -> 128, batch norm) has 1,352,873 + 3,648', () => {
    const s = presetSpec('dscnn');
    expect(countParams(build({ ...s, inputSize: 32 }))).toEqual({
      trainable: 1_352_873,
      nonTrainable: 3_648,
    });
    expect(expectedParams(s)).toEqual({ trainable: 1_352_873, nonTrainable: 3_648 });
  });

  const variants: Array<[string, Spec]> = [
    ['batch norm, ReLU, 1 -> 1', spec({})],
    [
      'instance norm, PReLU, 2.5-D input of 5 slices',
      spec({ normalization: 'instance', activation: 'prelu' }, { contextSlices: 5 }),
    ],
    [
      'no normalization, LeakyReLU, capped at 8, 3 -> 4 channels',
      spec(
        { normalization: 'none', activation: 'leakyrelu', maxFilters: 8 },
        { inChannels: 3, numClasses: 4 },
      ),
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the hand-derived count: ${name}`, () => {
      expect(countParams(build(s))).toEqual(expectedParams(s));
    });
  }
});

describe('DS-CNN structure', () => {
  it('returns the final output and eight full-resolution side outputs, in data-flow order', () => {
    const m = build(spec({}, { numClasses: 2 }));
    expect(DSCNN_SIDE_OUTPUTS).toBe(8);
    expect(m.outputNames).toEqual([
      'dec_out',
      'dec_side1',
      'dec_side2',
      'dec_side3',
      'dec_side4',
      'dec_side5',
      'dec_side6',
      'dec_side7',
      'dec_side8',
    ]);
    const ys = m.predict(tf.zeros([1, 32, 32, 1])) as tf.Tensor[];
    expect(ys.map((y) => y.shape)).toEqual(Array.from({ length: 9 }, () => [1, 32, 32, 2]));
    tf.dispose(ys);
  });

  it('each side output upsamples its stage output then deconvolves it', () => {
    const m = build(spec({}));
    // Stage outputs: compression 1-4 after their pools, 5 at the bottom, expansion 1-3.
    const factors = [2, 4, 8, 16, 16, 8, 4, 2];
    factors.forEach((factor, i) => {
      const up = m.getLayer(`dec_side${i + 1}_up`);
      expect(up.getClassName()).toBe('UpSampling2D');
      expect(up.getConfig()['size']).toEqual([factor, factor]);
      expect((up.input as tf.SymbolicTensor).shape).toEqual([
        null,
        32 / factor,
        32 / factor,
        expect.any(Number),
      ]);
      const deconv = m.getLayer(`dec_side${i + 1}_deconv`);
      expect(deconv.getClassName()).toBe('Conv2DTranspose');
      expect(deconv.getConfig()['kernelSize']).toEqual([3, 3]);
    });
    expect(m.getLayer('dec_side1_up').input).toBe(m.getLayer('enc_s1_pool').output);
    expect(m.getLayer('dec_side5_up').input).toBe(m.getLayer('enc_s5_conv1x1_act').output);
    expect(m.getLayer('dec_side8_up').input).toBe(m.getLayer('dec_e3_conv1x1_act').output);
  });

  it('has five compression stages of 3x3, 3x3, 1x1 convolutions, four pools, 4 -> 16 channels', () => {
    const m = build(spec({}));
    const pools = m.layers.filter((l) => l.getClassName() === 'MaxPooling2D').map((l) => l.name);
    expect(pools).toEqual(['enc_s1_pool', 'enc_s2_pool', 'enc_s3_pool', 'enc_s4_pool']);
    const widths = [1, 2, 3, 4, 5].map(
      (s) => (m.getLayer(`enc_s${s}_conv1x1`).output as tf.SymbolicTensor).shape,
    );
    expect(widths).toEqual([
      [null, 32, 32, 4],
      [null, 16, 16, 8],
      [null, 8, 8, 16],
      [null, 4, 4, 16],
      [null, 2, 2, 16],
    ]);
    expect(m.getLayer('enc_s3_conv1x1').getConfig()['kernelSize']).toEqual([1, 1]);
    expect(m.getLayer('dec_e4_conv1x1').getConfig()['kernelSize']).toEqual([1, 1]);
    expect((m.getLayer('dec_e4_concat').output as tf.SymbolicTensor).shape).toEqual([
      null,
      32,
      32,
      8,
    ]);
  });

  it('uses a sigmoid for one class and names every layer enc_* or dec_*', () => {
    const m = build(spec({ normalization: 'instance', activation: 'prelu' }));
    expect(m.getLayer('dec_out').getConfig()['activation']).toBe('sigmoid');
    expect(m.getLayer('dec_side3').getConfig()['activation']).toBe('sigmoid');
    const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
    expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
    expect(names.filter((n) => n.startsWith('enc_')).every((n) => /^enc_s[1-5]_/.test(n))).toBe(
      true,
    );
  });

  it('rejects sizes the four pools cannot halve', () => {
    expect(() => buildDSCNN(spec({}, { inputSize: 40 }))).toThrow(/divisible by 16/);
  });
});
