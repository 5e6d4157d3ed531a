import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { runOn } from '../../kernels/wasm/testing';
import { mobileNetV2 } from './backbones';
import { buildDeepLabV3Plus } from './build';
import { MOBILENETV2_BLOCKS, deeplabv3plus, scaledWidth } from './index';
import type { DeepLabV3PlusSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<DeepLabV3PlusSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function keep(m: tf.LayersModel): tf.LayersModel {
  built.push(m);
  return m;
}
const build = (spec: Spec): tf.LayersModel => keep(buildDeepLabV3Plus(spec));

// The registry's tiny configuration, with the paper's batch norm.
const small: DeepLabV3PlusSpec = { ...deeplabv3plus.tiny, normalization: 'batch' };
const spec = (arch: Partial<DeepLabV3PlusSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...small, ...arch },
  inputSize: 32,
  inChannels: 1,
  numClasses: 1,
  ...io,
});
const smallXception: Partial<DeepLabV3PlusSpec> = {
  backbone: 'xception',
  widthMultiplier: 1 / 16,
  middleBlocks: 2,
};

/** Parameter count derived from the layer list, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const batch = a.normalization === 'batch';
  let trainable = 0;
  let moving = 0;
  const bias = (c: number, none = a.normalization === 'none'): number => (none ? c : 0);
  const norm = (c: number, kind = a.normalization): void => {
    if (kind !== 'none') trainable += 2 * c;
    if (kind === 'batch') moving += 2 * c;
  };
  const act = (c: number): void => {
    if (a.activation === 'prelu') trainable += c;
  };
  const unit = (i: number, o: number, k: number, withAct = true): void => {
    trainable += k * k * i * o + bias(o);
    norm(o);
    if (withAct) act(o);
  };
  const depthwise = (c: number): void => {
    trainable += 9 * c + bias(c);
    norm(c);
  };
  const sep = (i: number, o: number, depthAct: boolean): void => {
    act(i); // before the depthwise convolution, or after it
    depthwise(i);
    unit(i, o, 1, depthAct);
  };
  const w = (c: number): number => scaledWidth(c, a.widthMultiplier);
  const block = (i: number, widths: number[], shortcut: boolean, depthAct = false): number => {
    widths.forEach((o, j) => sep(j === 0 ? i : widths[j - 1], o, depthAct));
    if (shortcut) unit(i, widths[2], 1, false);
    return widths[2];
  };
  let c = s.inChannels * (s.contextSlices ?? 1);
  let low: number;
  if (a.backbone === 'xception') {
    unit(c, w(32), 3);
    unit(w(32), w(64), 3);
    c = block(w(64), [w(128), w(128), w(128)], true);
    low = w(256);
    c = block(c, [low, low, low], true);
    c = block(c, [w(728), w(728), w(728)], true);
    for (let i = 0; i < a.middleBlocks; i++) block(c, [c, c, c], false);
    c = block(c, [w(728), w(1024), w(1024)], true);
    c = block(c, [w(1536), w(1536), w(2048)], false, true);
  } else {
    unit(c, w(32), 3);
    c = w(32);
    const stages = [
      [1, 16],
      [6, 24],
      [6, 32],
      [6, 64],
      [6, 96],
      [6, 160],
      [6, 320],
    ];
    stages.forEach(([t, out], stage) => {
      for (let i = 0; i < a.mobileNetBlocks[stage]; i++) {
        const e = t * c;
        if (t !== 1) unit(c, e, 1);
        depthwise(e);
        act(e);
        unit(e, w(out), 1, false);
        c = w(out);
      }
    });
    low = w(24);
  }
  const f = a.asppFilters;
  // Image pooling: normalized only by batch norm (instance norm of a 1x1 map is void).
  trainable += c * f + bias(f, !batch);
  if (batch) norm(f);
  act(f);
  unit(c, f, 1);
  for (let r = 0; r < 3; r++) sep(c, f, true);
  unit(5 * f, f, 1);
  unit(low, a.lowLevelFilters, 1);
  sep(f + a.lowLevelFilters, f, true);
  sep(f, f, true);
  trainable += f * s.numClasses + s.numClasses;
  return { trainable, nonTrainable: moving };
}

const total = (p: { trainable: number; nonTrainable: number }): number =>
  p.trainable + p.nonTrainable;

describe('DeepLabv3+ parameter counts', () => {
  it('Xception-65 for PASCAL VOC: 41,258,213, the Keras implementation seed 002 used', () => {
    // The network itself is built in registry.test.ts (its reference); here the
    // derivation is pinned, and checked against a scaled-down build below.
    expect(total(expectedParams(presetSpec('deeplabv3plus', 'xception')))).toBe(41_258_213);
  });

  it("seed 002's setting (13 slices, 1 map) has 41,255,953, 2,930 more than the seed reports", () => {
    const s = presetSpec('deeplabv3plus', 'seed002');
    expect(total(expectedParams(s))).toBe(41_255_953);
    expect(total(expectedParams(s)) - 41_253_023).toBe(2_930);
    expect(deeplabv3plus.presets['seed002'].reference).toBeUndefined();
  });

  it('the studio preset (MobileNetV2 x0.5, 128-channel head) has 712,417 + 19,632', () => {
    const s = presetSpec('deeplabv3plus');
    expect(countParams(build({ ...s, inputSize: 32 }))).toEqual({
      trainable: 712_417,
      nonTrainable: 19_632,
    });
    expect(expectedParams(s)).toEqual({ trainable: 712_417, nonTrainable: 19_632 });
  });

  it("the MobileNetV2 backbone equals Keras' MobileNetV2 without its top and last 1x1", () => {
    // Keras applications' MobileNetV2 (alpha 1, RGB): 3,538,984 parameters, of which the
    // classifier holds 1,281,000 and the final 1x1 convolution to 1280 maps with its batch
    // norm 409,600 + 5,120; DeepLab uses neither.
    const input = tf.input({ shape: [32, 32, 3] });
    const arch = presetSpec('deeplabv3plus', 'mobilenetv2').architecture;
    const m = keep(tf.model({ inputs: input, outputs: mobileNetV2(input, arch).features }));
    expect(total(countParams(m))).toBe(3_538_984 - 1_281_000 - 409_600 - 5_120);
  });

  const variants: Array<[string, Spec]> = [
    ['one MobileNetV2 block per stage, batch norm', spec({})],
    ["the registry's tiny configuration", spec(deeplabv3plus.tiny)],
    [
      'MobileNetV2, instance norm, PReLU, output stride 8',
      spec({ normalization: 'instance', activation: 'prelu', outputStride: 8 }),
    ],
    [
      'MobileNetV2 blocks of the paper, no normalization, LeakyReLU, 3 -> 4 channels',
      spec(
        { normalization: 'none', activation: 'leakyrelu', mobileNetBlocks: MOBILENETV2_BLOCKS },
        { inChannels: 3, numClasses: 4 },
      ),
    ],
    ['small Xception, 13 stacked slices', spec(smallXception, { contextSlices: 13 })],
    [
      'small Xception, instance norm, PReLU, output stride 8',
      spec({ ...smallXception, normalization: 'instance', activation: 'prelu', outputStride: 8 }),
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the derived count: ${name}`, () => {
      expect(countParams(build(s))).toEqual(expectedParams(s));
    });
  }
});

describe('DeepLabv3+ structure', () => {
  const shape = (m: tf.LayersModel, name: string) =>
    (m.getLayer(name).output as tf.SymbolicTensor).shape;
  const rate = (m: tf.LayersModel, name: string): number =>
    m.getLayer(name).getConfig()['dilationRate'] as number;

  it('Xception: atrous rates and map sizes at output stride 16 and 8', () => {
    const m16 = build(spec(smallXception, { inputSize: 64 }));
    expect(shape(m16, 'enc_exit_b2_sep3_pw_act')).toEqual([null, 4, 4, 128]);
    expect(shape(m16, 'enc_entry_b2_sep2_pw_norm')).toEqual([null, 16, 16, 16]);
    expect([1, 2, 3].map((b) => rate(m16, `enc_aspp_b${b}_dw`))).toEqual([6, 12, 18]);
    expect(rate(m16, 'enc_exit_b2_sep1_dw')).toBe(2);
    expect(m16.getLayer('enc_middle1_sep1_dw').getClassName()).toBe('DepthwiseConv2D');
    const m8 = build(spec({ ...smallXception, outputStride: 8 }, { inputSize: 64 }));
    expect(shape(m8, 'enc_exit_b2_sep3_pw_act')).toEqual([null, 8, 8, 128]);
    expect([1, 2, 3].map((b) => rate(m8, `enc_aspp_b${b}_dw`))).toEqual([12, 24, 36]);
    expect(rate(m8, 'enc_middle2_sep3_dw')).toBe(2);
    expect(rate(m8, 'enc_exit_b1_sep1_dw')).toBe(2);
    expect(rate(m8, 'enc_exit_b2_sep1_dw')).toBe(4);
    expect(m8.getLayer('enc_aspp_b1_dw').getClassName()).toBe('DilatedDepthwiseConv2D');
    // The strided separable convolutions pad one pixel on every side, then run 'valid'.
    expect(m8.getLayer('enc_entry_b1_sep3_dw').getConfig()['padding']).toBe('valid');
    expect(shape(m8, 'enc_entry_b1_sep3_dw_pad')).toEqual([null, 34, 34, 8]);
  });

  it('MobileNetV2: strides past the output stride become atrous rates', () => {
    const m = build(spec({ mobileNetBlocks: [1, 2, 3, 4, 3, 3, 1] }, { inputSize: 64 }));
    expect(shape(m, 'enc_ir7_1_project_norm')).toEqual([null, 4, 4, 80]);
    expect(m.getLayer('enc_ir6_1_dw').getConfig()['strides']).toEqual([1, 1]);
    expect(m.getLayer('enc_ir6_1_dw').getClassName()).toBe('DepthwiseConv2D');
    expect(rate(m, 'enc_ir6_2_dw')).toBe(2);
    expect(rate(m, 'enc_ir7_1_dw')).toBe(2);
    const m8 = build(spec({ outputStride: 8 }, { inputSize: 64 }));
    expect(shape(m8, 'enc_ir7_1_project_norm')).toEqual([null, 8, 8, 80]);
    expect(rate(m8, 'enc_ir5_1_dw')).toBe(2);
    expect(rate(m8, 'enc_ir7_1_dw')).toBe(4);
  });

  it('fuses 1/4-resolution features projected to few channels and upsamples to the input', () => {
    const m = build(spec({}, { inputSize: 64, numClasses: 3 }));
    expect(shape(m, 'enc_aspp_pool_up')).toEqual([null, 4, 4, 16]);
    expect(shape(m, 'enc_aspp_concat')).toEqual([null, 4, 4, 80]);
    expect(shape(m, 'dec_up4')).toEqual([null, 16, 16, 16]);
    expect(shape(m, 'dec_low_proj_act')).toEqual([null, 16, 16, 8]);
    expect(shape(m, 'dec_concat')).toEqual([null, 16, 16, 24]);
    expect(shape(m, 'dec_out')).toEqual([null, 64, 64, 3]);
    expect(m.getLayer('dec_up_out').getConfig()['interpolation']).toBe('bilinear');
    const y = m.predict(tf.randomNormal([2, 64, 64, 1])) as tf.Tensor;
    expect(tf.sum(y, -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    y.dispose();
  });

  it('names every layer enc_* or dec_*, with the ASPP in the encoder', () => {
    for (const arch of [{}, smallXception]) {
      const m = build(spec(arch));
      const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
      expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
      expect(names).toContain('enc_aspp_proj');
      expect(m.getLayer('dec_out').getConfig()['activation']).toBe('sigmoid');
    }
  });

  it('rejects sizes the output stride does not divide and malformed MobileNetV2 stages', () => {
    expect(() => buildDeepLabV3Plus(spec({}, { inputSize: 40 }))).toThrow(/divisible by 16/);
    expect(() => buildDeepLabV3Plus(spec({ mobileNetBlocks: [1, 1, 1] }))).toThrow(/7 stages/);
  });
});

describe('the bilinear upsampling DeepLabv3+ uses has correct gradients', () => {
  // Resizing is linear, so <resize(x), r> must equal <x, gradient of <resize(x), r>>.
  const cases: Array<[number, number]> = [
    [1, 8], // image pooling broadcast
    [2, 4], // ASPP output to 1/4 at output stride 16
    [8, 4], // class scores to the input
  ];
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const [edge, factor] of cases) {
      it(`${edge}x${edge} by ${factor} on ${backend}`, async () => {
        const layer = tf.layers.upSampling2d({ size: [factor, factor], interpolation: 'bilinear' });
        const out = await runOn(backend, () => {
          const x = tf.randomNormal([2, edge, edge, 3], 0, 1, 'float32', 1);
          const r = tf.randomNormal([2, edge * factor, edge * factor, 3], 0, 1, 'float32', 2);
          const f = (v: tf.Tensor): tf.Scalar => tf.sum(tf.mul(layer.apply(v) as tf.Tensor, r));
          const g = tf.grad(f)(x);
          return [f(x), tf.sum(tf.mul(x, g)), g];
        });
        const [lhs, rhs] = [out.values[0][0], out.values[1][0]];
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * Math.max(1, Math.abs(lhs)));
        expect(out.shapes[2]).toEqual([2, edge, edge, 3]);
      });
    }
  }
  afterEach(async () => {
    await tf.setBackend('cpu');
  });
});
