import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec, specProblem } from '../index';
import type { SpecWith } from '../input-spec';
import { buildFCDenseNet } from './build';
import { poolingsOf } from './index';
import type { FCDenseNetSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<FCDenseNetSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildFCDenseNet(spec);
  built.push(m);
  return m;
}

const base: FCDenseNetSpec = {
  kind: 'fcdensenet',
  layersPerBlock: [2, 3, 4, 3, 2],
  growthRate: 4,
  firstFilters: 6,
  dropout: 0.2,
  normalization: 'batch',
  activation: 'relu',
};
const spec = (arch: Partial<FCDenseNetSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...base, ...arch },
  inputSize: 32,
  inChannels: 1,
  numClasses: 1,
  ...io,
});

/** Parameter count derived from the paper's description, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const k = a.growthRate;
  const blocks = a.layersPerBlock;
  const pools = poolingsOf(a);
  let trainable = 0;
  let moving = 0;
  // Normalization and activation over `c` channels, then a convolution (with bias).
  const unit = (c: number, size: number, out: number): void => {
    if (a.normalization !== 'none') trainable += 2 * c;
    if (a.normalization === 'batch') moving += 2 * c;
    if (a.activation === 'prelu') trainable += c;
    trainable += size * size * c * out + out;
  };
  const dense = (c: number, layers: number): number => {
    for (let l = 0; l < layers; l++) unit(c + l * k, 3, k);
    return c + layers * k;
  };
  let c = s.inChannels * (s.contextSlices ?? 1);
  trainable += 9 * c * a.firstFilters + a.firstFilters;
  c = a.firstFilters;
  const skips: number[] = [];
  for (let i = 0; i < pools; i++) {
    c = dense(c, blocks[i]);
    skips.push(c);
    unit(c, 1, c);
  }
  dense(c, blocks[pools]);
  let fresh = k * blocks[pools];
  for (let i = 0; i < pools; i++) {
    trainable += 9 * fresh * fresh + fresh;
    c = dense(fresh + skips[pools - 1 - i], blocks[pools + 1 + i]);
    fresh = k * blocks[pools + 1 + i];
  }
  trainable += c * s.numClasses + s.numClasses;
  return { trainable, nonTrainable: moving };
}

const total = (p: { trainable: number; nonTrainable: number }): number =>
  p.trainable + p.nonTrainable;
const millions = (n: number): number => Math.round(n / 1e5) / 10;

describe('FC-DenseNet parameter counts', () => {
  // Jégou et al., Table 2, with 3 input channels and CamVid's 11 classes. Lasagne counts
  // batch-norm statistics as parameters, as countParams' total does.
  const paper: Array<[string, number, number]> = [
    ['fcd56', 1_397_963, 1.4],
    ['fcd67', 3_502_923, 3.5],
    ['fcd103', 9_425_163, 9.4],
  ];
  for (const [name, exact, rounded] of paper) {
    it(`${name} has ${exact.toLocaleString('en')} parameters (${rounded} M)`, () => {
      const s = presetSpec('fcdensenet', name);
      const p = countParams(build({ ...s, inputSize: 32 }));
      expect(p).toEqual(expectedParams(s));
      expect(total(p)).toBe(exact);
      expect(millions(total(p))).toBe(rounded);
    });
  }

  it('rounds to the paper for FC-DenseNet67 and 103; FC-DenseNet56 is 1.4 M, not its 1.5 M', () => {
    const reported: Record<string, number> = { fcd56: 1.5, fcd67: 3.5, fcd103: 9.4 };
    const rounded = Object.fromEntries(
      Object.keys(reported).map((n) => [
        n,
        millions(total(expectedParams(presetSpec('fcdensenet', n)))),
      ]),
    );
    expect(rounded).toEqual({ ...reported, fcd56: 1.4 });
  });

  it("seed 002's p3a and p4a in 2-D (1 -> 1 channel): 8,027,441 and 17,557,921", () => {
    for (const [name, exact] of [
      ['p3a', 8_027_441],
      ['p4a', 17_557_921],
    ] as const) {
      const s = presetSpec('fcdensenet', name);
      const p = countParams(build(s));
      expect(p).toEqual(expectedParams(s));
      expect(total(p)).toBe(exact);
    }
  });

  it('the studio preset (FC-DenseNet56 shape, k = 8, 24 first filters) has 579,729 + 13,328', () => {
    expect(countParams(build({ ...presetSpec('fcdensenet'), inputSize: 32 }))).toEqual({
      trainable: 579_729,
      nonTrainable: 13_328,
    });
  });

  const variants: Array<[string, Spec]> = [
    ['asymmetric blocks, batch norm', spec({})],
    [
      'instance norm, PReLU, 3 -> 4 channels',
      spec({ normalization: 'instance', activation: 'prelu' }, { inChannels: 3, numClasses: 4 }),
    ],
    [
      'no normalization, LeakyReLU, 2.5-D input of 5 slices, one pooling',
      spec(
        { normalization: 'none', activation: 'leakyrelu', layersPerBlock: [3, 1, 2] },
        { contextSlices: 5 },
      ),
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the derived count: ${name}`, () => {
      expect(countParams(build(s))).toEqual(expectedParams(s));
    });
  }
});

describe('FC-DenseNet structure', () => {
  it('grows by k per layer, keeps the channels through transitions down, pools per side block', () => {
    const m = build(spec({}, { numClasses: 3 }));
    const shape = (name: string) => (m.getLayer(name).output as tf.SymbolicTensor).shape;
    // 6 first maps + 2 layers x 4 = 14; transition down keeps 14 and halves the size.
    expect(shape('enc_db1_l2_concat')).toEqual([null, 32, 32, 14]);
    expect(shape('enc_td1_conv')).toEqual([null, 32, 32, 14]);
    expect(shape('enc_td1_pool')).toEqual([null, 16, 16, 14]);
    expect(shape('enc_db2_l3_concat')).toEqual([null, 16, 16, 26]);
    expect(shape('enc_td2_pool')).toEqual([null, 8, 8, 26]);
    // The bottleneck's last concatenation is never made: only its new maps go up.
    expect(shape('enc_bottleneck_l3_concat')).toEqual([null, 8, 8, 38]);
    expect(() => m.getLayer('enc_bottleneck_l4_concat')).toThrow();
    expect(shape('dec_out')).toEqual([null, 32, 32, 3]);
  });

  it('transitions up only the maps the previous dense block added', () => {
    const m = build(spec({}));
    const shape = (name: string) => (m.getLayer(name).output as tf.SymbolicTensor).shape;
    // Bottleneck: 4 layers x k = 16 new maps, not its 42-channel whole.
    expect(shape('dec_tu1_new')).toEqual([null, 8, 8, 16]);
    expect(shape('dec_tu1_deconv')).toEqual([null, 16, 16, 16]);
    expect(m.getLayer('dec_tu1_deconv').getConfig()).toMatchObject({
      kernelSize: [3, 3],
      strides: [2, 2],
    });
    // Concatenated with the 26-channel skip of the second down block.
    expect(shape('dec_tu1_skip')).toEqual([null, 16, 16, 42]);
    // The next transition up takes the 3 x 4 maps of the first up block.
    expect(shape('dec_tu2_new')).toEqual([null, 16, 16, 12]);
    expect(shape('dec_tu2_skip')).toEqual([null, 32, 32, 26]);
    // The last block's whole output feeds the classifier: 26 + 2 x 4.
    expect((m.getLayer('dec_out_logits').input as tf.SymbolicTensor).shape).toEqual([
      null,
      32,
      32,
      34,
    ]);
  });

  it('orders each dense layer as normalization, activation, convolution, dropout', () => {
    const m = build(spec({}));
    const chain = ['enc_db1_l1_norm', 'enc_db1_l1_act', 'enc_db1_l1_conv', 'enc_db1_l1_drop'];
    chain.slice(1).forEach((name, i) => {
      expect(m.getLayer(name).input).toBe(m.getLayer(chain[i]).output);
    });
    expect(m.getLayer('enc_db1_l1_drop').getConfig()['rate']).toBe(0.2);
    expect(m.getLayer('enc_db1_l1_norm').getClassName()).toBe('BatchNormalization');
  });

  it('uses a sigmoid for one class and names every layer enc_* or dec_*', () => {
    const m = build(spec({ normalization: 'instance', activation: 'prelu' }));
    expect(m.getLayer('dec_out').getConfig()['activation']).toBe('sigmoid');
    const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
    expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
    const y = m.predict(tf.randomNormal([2, 32, 32, 1])) as tf.Tensor;
    expect(y.shape).toEqual([2, 32, 32, 1]);
    y.dispose();
  });

  it('refuses even block lists, empty blocks and sizes its poolings cannot halve', () => {
    const even = spec({ layersPerBlock: [2, 2, 2, 2] });
    expect(specProblem(even)).toMatch(/odd number/);
    expect(() => buildFCDenseNet(even)).toThrow(/odd number/);
    expect(specProblem(spec({ layersPerBlock: [2, 0, 2] }))).toMatch(/at least one/);
    expect(() => buildFCDenseNet(spec({}, { inputSize: 34 }))).toThrow(/divisible by 4/);
  });
});
