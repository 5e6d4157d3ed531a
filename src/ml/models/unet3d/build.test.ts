import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { buildUNet3D } from './build';
import { unet3d, unet3dWidths } from './index';
import type { UNet3DSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<UNet3DSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildUNet3D(spec);
  built.push(m);
  return m;
}

const studio = unet3d.presets.studio.architecture;
const spec = (arch: Partial<UNet3DSpec>, io: Partial<Spec> = {}): Spec => ({
  architecture: { ...studio, ...arch },
  inputSize: 16,
  patchDepth: 8,
  inChannels: 1,
  numClasses: 1,
  ...io,
});

/** Parameter count derived by hand from the architecture, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const w = unet3dWidths(a);
  const conv = (k: number, i: number, o: number, bias: boolean) => k * i * o + (bias ? o : 0);
  const normed = a.normalization !== 'none';
  const afterConv = a.normPosition === 'after-conv' && normed;
  let trainable = 0;
  let moving = 0;
  const norm = (c: number) => {
    if (a.normalization === 'batch') [trainable, moving] = [trainable + 2 * c, moving + 2 * c];
    if (a.normalization === 'instance') trainable += 2 * c;
  };
  const block = (cin: number, c1: number, c2: number) => {
    if (a.normPosition === 'block-input') norm(cin);
    for (const [i, o] of [
      [cin, c1],
      [c1, c2],
    ]) {
      trainable += conv(27, i, o, a.convBias && !afterConv);
      if (afterConv) norm(o);
      if (a.activation === 'prelu') trainable += o;
    }
  };
  let c = s.inChannels;
  for (const [c1, c2] of w) {
    block(c, c1, c2);
    c = c2;
  }
  for (let l = a.depth - 2; l >= 0; l--) {
    const skip = w[l][1];
    const up = a.upFilters === 'skip' ? skip : c;
    trainable += conv(a.upKernel ** 3, c, up, false);
    block(skip + up, skip, skip);
    c = skip;
  }
  trainable += conv(1, c, s.numClasses, true);
  return { trainable, nonTrainable: moving };
}

describe('3D U-Net parameter counts', () => {
  it("seed 002's preset has exactly the 1,605,381 parameters the seed reports", () => {
    const p = countParams(build(presetSpec('unet3d', 'seed002')));
    expect(p.trainable + p.nonTrainable).toBe(1_605_381);
    expect(p).toEqual(expectedParams(presetSpec('unet3d', 'seed002')));
  });

  it("Çiçek et al.'s network without normalization has the paper's 19,069,955", () => {
    const cicek = presetSpec('unet3d', 'cicek');
    const bare: Spec = {
      ...cicek,
      architecture: {
        ...cicek.architecture,
        normalization: 'none',
        convBias: true,
      },
      inputSize: 16,
      patchDepth: 8,
    };
    expect(countParams(build(bare))).toEqual({ trainable: 19_069_955, nonTrainable: 0 });
  });

  const variants: Array<[string, Spec]> = [
    ['studio default', presetSpec('unet3d')],
    [
      'Çiçek (batch norm after each convolution)',
      { ...presetSpec('unet3d', 'cicek'), inputSize: 16, patchDepth: 8 },
    ],
    [
      'depth 3, instance norm, PReLU, 2 -> 3 channels',
      spec(
        { depth: 3, normalization: 'instance', activation: 'prelu' },
        { inChannels: 2, numClasses: 3 },
      ),
    ],
    [
      'depth 5, no normalization, 3x3x3 up, kept channels',
      spec(
        { depth: 5, normalization: 'none', upKernel: 3, upFilters: 'keep', dropout: 0.3 },
        { inputSize: 32, patchDepth: 16 },
      ),
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the hand-derived count: ${name}`, () => {
      const p = countParams(build(s));
      expect(p).toEqual(expectedParams(s));
      // The count the memory estimate uses, from the definition alone.
      const arch = s.architecture;
      expect(unet3d.parameters?.({ ...s, architecture: arch })).toBe(p.trainable + p.nonTrainable);
    });
  }
});

describe('3D U-Net shapes and activations', () => {
  it('keeps the patch shape and halves it at each level', () => {
    const m = build(spec({ depth: 4 }, { numClasses: 2 }));
    expect(m.inputs[0].shape).toEqual([null, 8, 16, 16, 1]);
    expect(m.outputs[0].shape).toEqual([null, 8, 16, 16, 2]);
    const bottom = m.getLayer('enc_l3_act2').output as tf.SymbolicTensor;
    expect(bottom.shape).toEqual([null, 1, 2, 2, 64]);
    const y = m.predict(tf.randomNormal([1, 8, 16, 16, 1])) as tf.Tensor;
    expect(tf.sum(y, -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
  });

  it('counts its layer outputs as the memory estimate does', () => {
    for (const [, s] of [
      ['studio', spec({})],
      ['seed', { ...presetSpec('unet3d', 'seed002'), inputSize: 16, patchDepth: 8 }],
      ['cicek', { ...presetSpec('unet3d', 'cicek'), inputSize: 16, patchDepth: 8 }],
    ] as const) {
      const m = build(s);
      const floats = m.layers.reduce((n, layer) => {
        const shape = (layer.output as tf.SymbolicTensor).shape;
        return n + shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);
      }, 0);
      expect(unet3d.activations?.({ ...s, architecture: s.architecture })).toBe(floats);
    }
  });

  it('refuses patches its poolings cannot halve', () => {
    expect(() => buildUNet3D(spec({ depth: 4 }, { patchDepth: 12 }))).toThrow(/divisible by 8/);
    expect(() => buildUNet3D(spec({ depth: 4 }, { inputSize: 20 }))).toThrow(/divisible by 8/);
  });
});
