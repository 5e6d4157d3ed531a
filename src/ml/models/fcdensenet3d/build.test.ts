import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import { buildFCDenseNet3D } from './build';
import { fcdensenet3d, poolings3d } from './index';
import type { FCDenseNet3DSpec } from './spec';

/** A model specification of this architecture. */
type Spec = SpecWith<FCDenseNet3DSpec>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: Spec): tf.LayersModel {
  const m = buildFCDenseNet3D(spec);
  built.push(m);
  return m;
}

/** `preset` at a small patch (parameters do not depend on it), with changes. */
function at(preset: string, arch: Partial<FCDenseNet3DSpec> = {}, edge = 16): Spec {
  const s = presetSpec('fcdensenet3d', preset);
  return {
    ...s,
    architecture: { ...s.architecture, ...arch },
    inputSize: edge,
    patchDepth: edge,
  };
}

/** Parameter count derived by hand from the architecture, independent of tfjs. */
function expectedParams(s: Spec): { trainable: number; nonTrainable: number } {
  const a = s.architecture;
  const conv = (k: number, i: number, o: number, bias: boolean) => k * i * o + (bias ? o : 0);
  const pools = poolings3d(a);
  const g = a.growthRate;
  let trainable = conv(27, s.inChannels, a.firstFilters, a.convBias);
  let moving = 0;
  const unit = (c: number, out: number, k: number) => {
    if (a.normalization === 'batch') [trainable, moving] = [trainable + 2 * c, moving + 2 * c];
    if (a.normalization === 'instance') trainable += 2 * c;
    if (a.activation === 'prelu') trainable += c;
    trainable += conv(k, c, out, a.convBias);
  };
  let c = a.firstFilters;
  const skips: number[] = [];
  for (let i = 0; i < pools; i++) {
    for (let l = 0; l < a.layersPerBlock[i]; l++, c += g) unit(c, g, 27);
    skips.push(c);
    if (a.transitionDown === 'conv-pool') unit(c, c, 1);
  }
  let added = 0;
  for (let l = 0; l < a.layersPerBlock[pools]; l++, c += g, added += g) unit(c, g, 27);
  for (let i = 0; i < pools; i++) {
    trainable += conv(27, added, added, true);
    c = added + skips[pools - 1 - i];
    added = 0;
    for (let l = 0; l < a.layersPerBlock[pools + 1 + i]; l++, c += g, added += g) unit(c, g, 27);
  }
  trainable += conv(1, c, s.numClasses, true);
  return { trainable, nonTrainable: moving };
}

describe('3-D FC-DenseNet parameter counts', () => {
  // Seed 002's figures count no normalization weights: its networks built without them.
  for (const [name, total] of [
    ['p3b', 23_487_169],
    ['p4a', 49_382_353],
  ] as const) {
    it(`${name} without normalization weights has the seed's ${total.toLocaleString('en')}`, () => {
      const p = countParams(build(at(name, { normalization: 'none' })));
      expect(p).toEqual({ trainable: total, nonTrainable: 0 });
    });
  }

  const variants: Array<[string, Spec]> = [
    ['studio default', at('studio')],
    ['p3a with batch norm', at('p3a', {}, 8)],
    [
      'pooling-only transitions, biases, instance norm, PReLU, 2 -> 3 channels',
      {
        ...at('studio', {
          transitionDown: 'pool',
          convBias: true,
          normalization: 'instance',
          activation: 'prelu',
          layersPerBlock: [1, 2, 3, 2, 1],
        }),
        inChannels: 2,
        numClasses: 3,
      },
    ],
  ];
  for (const [name, s] of variants) {
    it(`matches the hand-derived count: ${name}`, () => {
      const p = countParams(build(s));
      expect(p).toEqual(expectedParams(s));
      // The count the memory estimate uses, from the definition alone.
      const arch = s.architecture;
      expect(fcdensenet3d.parameters?.({ ...s, architecture: arch })).toBe(
        p.trainable + p.nonTrainable,
      );
    });
  }
});

describe('3-D FC-DenseNet shapes and activations', () => {
  it('keeps the patch shape; the bottleneck sees it halved per pooling', () => {
    const m = build({ ...at('studio'), numClasses: 2 });
    expect(m.outputs[0].shape).toEqual([null, 16, 16, 16, 2]);
    const bottleneck = m.getLayer('enc_bottleneck_l1_conv').output as tf.SymbolicTensor;
    expect(bottleneck.shape).toEqual([null, 2, 2, 2, 8]);
    const y = m.predict(tf.randomNormal([1, 16, 16, 16, 1])) as tf.Tensor;
    expect(tf.sum(y, -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
  });

  it('counts its layer outputs as the memory estimate does', () => {
    for (const s of [
      at('studio'),
      { ...at('studio', { transitionDown: 'pool', dropout: 0.1, layersPerBlock: [1, 3, 1] }) },
      at('p3a', {}, 8),
    ]) {
      const m = build(s);
      const floats = m.layers.reduce((n, layer) => {
        const shape = (layer.output as tf.SymbolicTensor).shape;
        return n + shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);
      }, 0);
      const arch = s.architecture;
      expect(fcdensenet3d.activations?.({ ...s, architecture: arch })).toBe(floats);
    }
  });

  it('refuses an even number of blocks', () => {
    expect(() => buildFCDenseNet3D(at('studio', { layersPerBlock: [2, 2, 2, 2] }))).toThrow(/odd/);
  });
});
