import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  countParams,
  defaultSpec,
  freezeEncoder,
  loadFromArtifacts,
  saveToArtifacts,
} from './index';
import type { ModelSpec } from './spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function build(spec: ModelSpec): tf.LayersModel {
  const m = buildModel(spec);
  built.push(m);
  return m;
}

const tinyUNet: ModelSpec = {
  architecture: {
    kind: 'unet',
    depth: 3,
    baseFilters: 4,
    maxFilters: 16,
    kernelSize: 3,
    batchNorm: true,
    dropout: 0.2,
    dropoutKind: 'spatial',
    activation: 'prelu',
    deepSupervision: true,
  },
  inputSize: 32,
  inChannels: 2,
  numClasses: 3,
};
const tinyENet: ModelSpec = defaultSpec('enet', 32, 1, 2);

describe('buildModel / defaultSpec', () => {
  it('dispatches on the architecture kind', () => {
    expect(build(defaultSpec('unet', 64, 1, 1)).name).toBe('unet');
    expect(build(tinyENet).name).toBe('enet');
  });

  it('defaultSpec gives the CPU-sized U-Net and the paper ENet settings', () => {
    const u = defaultSpec('unet', 128, 2, 3);
    expect(u).toMatchObject({ inputSize: 128, inChannels: 2, numClasses: 3 });
    expect(u.architecture).toMatchObject({
      kind: 'unet',
      depth: 5,
      baseFilters: 16,
      batchNorm: true,
    });
    expect(tinyENet.architecture).toEqual({
      kind: 'enet',
      dropoutStage1: 0.01,
      dropout: 0.1,
      decoderActivation: 'relu',
    });
  });
});

describe('freezeEncoder', () => {
  for (const spec of [tinyUNet, tinyENet]) {
    it(`freezes exactly the enc_ layers of a ${spec.architecture.kind}`, () => {
      const m = build(spec);
      const all = countParams(m);
      const encLayers = m.layers.filter((l) => l.name.startsWith('enc_'));
      const encTrainable = encLayers.reduce(
        (n, l) =>
          n +
          l.trainableWeights.reduce(
            (k, w) => k + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
            0,
          ),
        0,
      );
      expect(encTrainable).toBeGreaterThan(0);
      expect(freezeEncoder(m, spec)).toBe(encLayers.length);
      const frozen = countParams(m);
      expect(frozen.trainable).toBe(all.trainable - encTrainable);
      expect(frozen.trainable + frozen.nonTrainable).toBe(all.trainable + all.nonTrainable);
      expect(m.layers.filter((l) => l.name.startsWith('dec_')).every((l) => l.trainable)).toBe(
        true,
      );
      expect(freezeEncoder(m, spec, false)).toBe(encLayers.length);
      expect(countParams(m)).toEqual(all);
    });
  }

  it('refuses a spec of the other kind', () => {
    expect(() => freezeEncoder(build(tinyENet), tinyUNet)).toThrow(/unet/);
  });
});

describe('save / load round trip', () => {
  for (const spec of [tinyUNet, tinyENet]) {
    it(`reloads a ${spec.architecture.kind} with identical weights and predictions`, async () => {
      const m = build(spec);
      // Move the batch-norm statistics off their initial values so they are part of the check.
      const x = tf.randomNormal([2, 32, 32, spec.inChannels], 0, 1, 'float32', 7);
      tf.tidy(() => void m.apply(x, { training: true }));
      const before = ([] as tf.Tensor[]).concat(m.predict(x));
      const artifacts = await saveToArtifacts(m);
      const loaded = await loadFromArtifacts(artifacts);
      built.push(loaded);
      expect(countParams(loaded)).toEqual(countParams(m));
      expect(loaded.layers.map((l) => l.name)).toEqual(m.layers.map((l) => l.name));
      const after = ([] as tf.Tensor[]).concat(loaded.predict(x));
      expect(after.length).toBe(before.length);
      after.forEach((t, i) =>
        expect(Array.from(t.dataSync())).toEqual(Array.from(before[i].dataSync())),
      );
      tf.dispose([x, ...before, ...after]);
    });
  }
});
