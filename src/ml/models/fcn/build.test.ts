import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { UPSCORE_LAYERS, bilinearKernel, buildFCN } from './build';
import { VGG16_BLOCKS, fcnFilters } from './index';
import type { FCNSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<FCNSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildFCN(spec);
  built.push(m);
  return m;
}

const base: FCNSpec = {
  kind: 'fcn',
  baseFilters: 4,
  maxFilters: 16,
  fcFilters: 16,
  fc6Kernel: 7,
  dropout: 0.5,
  normalization: 'none',
  activation: 'relu',
};
const spec = (arch: Partial<FCNSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...base, ...arch },
  inputSize: 64,
  inChannels: 1,
  numClasses: 1,
  ...io,
});

/** Parameter count derived layer by layer from the architecture, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const f = fcnFilters(a);
  const k = s.numClasses;
  const bias = a.normalization === 'none';
  let trainable = 0;
  let moving = 0;
  const unit = (size: number, i: number, o: number): void => {
    trainable += size * size * i * o + (bias ? o : 0);
    if (a.normalization !== 'none') trainable += 2 * o;
    if (a.normalization === 'batch') moving += 2 * o;
    if (a.activation === 'prelu') trainable += o;
  };
  let c = s.inChannels * (s.contextSlices ?? 1);
  VGG16_BLOCKS.forEach((convs, b) => {
    for (let i = 0; i < convs; i++) {
      unit(3, c, f[b]);
      c = f[b];
    }
  });
  unit(a.fc6Kernel, c, a.fcFilters);
  unit(1, a.fcFilters, a.fcFilters);
  // Scores on fc7, pool4, pool3 (1x1 with bias); 4x4, 4x4 and 16x16 upsampling, no bias.
  trainable += (a.fcFilters + 1) * k + (f[3] + 1) * k + (f[2] + 1) * k;
  trainable += (4 * 4 + 4 * 4 + 16 * 16) * k * k;
  return { trainable, nonTrainable: moving };
}

describe('FCN-8s parameter counts', () => {
  it("Long et al.'s FCN-8s (VGG16, 3 -> 21 channels) has 134,489,759 parameters", () => {
    // VGG16's 13 convolutions 14,714,688; fc6 7x7x512x4096 + 4096 = 102,764,544; fc7
    // 4096x4096 + 4096 = 16,781,312; scores 86,037 + 10,773 + 5,397; upsampling
    // (16 + 16 + 256) x 21 x 21 = 127,008. The network itself is built in registry.test.ts
    // (its reference); here the derivation and a scaled-down build check each other.
    const paper = presetSpec('fcn', 'paper');
    expect(expectedParams(paper)).toEqual({ trainable: 134_489_759, nonTrainable: 0 });
    const quarter = {
      ...paper,
      architecture: { ...paper.architecture, baseFilters: 16, maxFilters: 128, fcFilters: 1024 },
    };
    expect(countParams(build({ ...quarter, inputSize: 32 }))).toEqual(expectedParams(quarter));
  });

  it('the studio preset (16 -> 128, fc 256, batch norm, 1 -> 1) has 2,594,483 + 3,136', () => {
    const s = presetSpec('fcn');
    expect(countParams(build({ ...s, inputSize: 32 }))).toEqual({
      trainable: 2_594_483,
      nonTrainable: 3_136,
    });
    expect(expectedParams(s)).toEqual({ trainable: 2_594_483, nonTrainable: 3_136 });
  });

  const variants: Array<[string, Spec]> = [
    ['no normalization, 7x7 fc6', spec({})],
    [
      'batch norm, PReLU, 3x3 fc6, 3 -> 4 channels',
      spec(
        { normalization: 'batch', activation: 'prelu', fc6Kernel: 3 },
        { inChannels: 3, numClasses: 4 },
      ),
    ],
    [
      'instance norm, LeakyReLU, 1x1 fc6, 2.5-D input of 3 slices',
      spec(
        { normalization: 'instance', activation: 'leakyrelu', fc6Kernel: 1 },
        { contextSlices: 3 },
      ),
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the layer-by-layer count: ${name}`, () => {
      expect(countParams(build(s))).toEqual(expectedParams(s));
    });
  }
});

describe('FCN-8s structure', () => {
  it('scores 1/32, 1/16 and 1/8 maps and fuses them by addition at 1/16 and 1/8', () => {
    const m = build(spec({}, { numClasses: 3 }));
    const shape = (name: string) => (m.getLayer(name).output as tf.SymbolicTensor).shape;
    expect(shape('enc_b3_pool')).toEqual([null, 8, 8, 16]);
    expect(shape('enc_b4_pool')).toEqual([null, 4, 4, 16]);
    expect(shape('enc_fc7_act')).toEqual([null, 2, 2, 16]);
    expect(shape('dec_score_fr')).toEqual([null, 2, 2, 3]);
    expect(shape('dec_fuse_pool4')).toEqual([null, 4, 4, 3]);
    expect(shape('dec_fuse_pool3')).toEqual([null, 8, 8, 3]);
    expect(shape('dec_out')).toEqual([null, 64, 64, 3]);
    expect(m.getLayer('dec_fuse_pool4').getClassName()).toBe('Add');
    expect(m.getLayer('enc_fc6').getConfig()['kernelSize']).toEqual([7, 7]);
    const convs = m.layers.filter((l) => /^enc_b\d_conv\d$/.test(l.name)).length;
    expect(convs).toBe(13);
    const y = m.predict(tf.randomNormal([2, 64, 64, 1])) as tf.Tensor;
    expect(y.shape).toEqual([2, 64, 64, 3]);
    y.dispose();
  });

  it('starts the upsampling layers as bilinear interpolation and the scores at zero', () => {
    const k = bilinearKernel(4, 1).reshape([4, 4]);
    expect(Array.from(k.dataSync()).slice(0, 4)).toEqual([0.0625, 0.1875, 0.1875, 0.0625]);
    const m = build(spec({}, { numClasses: 2 }));
    for (const [name, factor] of UPSCORE_LAYERS) {
      const layer = m.getLayer(name);
      expect(layer.getConfig()['strides']).toEqual([factor, factor]);
      expect(layer.getConfig()['useBias']).toBe(false);
      // A constant map stays constant inside (bilinear weights of a class sum to one per
      // output pixel) and classes do not mix.
      const x = tf.concat([tf.ones([1, 4, 4, 1]), tf.zeros([1, 4, 4, 1])], -1);
      const y = layer.apply(x) as tf.Tensor;
      const inner = y.slice([0, factor, factor, 0], [1, 2 * factor, 2 * factor, 2]);
      const [fg, bg] = tf.split(inner, 2, -1);
      expect(fg.sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-6);
      expect(bg.abs().max().dataSync()[0]).toBe(0);
      tf.dispose([x, y, inner, fg, bg]);
    }
    const zero = m.getLayer('dec_score_pool3').getWeights()[0];
    expect(zero.abs().max().dataSync()[0]).toBe(0);
  });

  it('uses a sigmoid for one class and names every layer enc_* or dec_*', () => {
    const m = build(spec({ normalization: 'batch', activation: 'prelu' }));
    expect(m.getLayer('dec_out').getConfig()['activation']).toBe('sigmoid');
    expect(m.getLayer('enc_fc7_drop').getClassName()).toBe('Dropout');
    const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
    expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
    expect(
      names
        .filter((n) => n.startsWith('dec_'))
        .every((n) => /^dec_(score|upscore|fuse|out)/.test(n)),
    ).toBe(true);
  });

  it('rejects sizes the five pools cannot halve', () => {
    expect(() => buildFCN(spec({}, { inputSize: 48 }))).toThrow(/divisible by 32/);
  });
});
