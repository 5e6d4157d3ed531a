/**
 * Every registered architecture, looped over rather than listed: parameter counts at the
 * configurations whose sources report one, output shapes and side outputs, encoder
 * freezing, a save / load round trip, and the loss falling on a tiny batch.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { combineLosses, diceLoss, binaryCrossEntropy, categoricalCrossEntropy } from '../losses';
import {
  ARCHITECTURES,
  buildModel,
  countParams,
  freezeEncoder,
  loadFromArtifacts,
  presetSpec,
  sampleShape,
  saveToArtifacts,
  seedInitialWeights,
  specProblem,
  upgradeSpec,
  type ArchPreset,
  type ModelSpec,
} from './index';
import { overfit, tinyBatch, tinyBatchOf } from './testing';
import { startTrainingTestBackend } from '../train/test-backend';

// The backend the studio trains on without a GPU: wasm with the studio's training kernels
// (10-50x faster than tfjs' plain-JS cpu backend, whose training the cpu test covers).
beforeAll(async () => {
  await startTrainingTestBackend();
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
async function build(spec: ModelSpec): Promise<tf.LayersModel> {
  const m = await buildModel(spec);
  built.push(m);
  return m;
}

/**
 * The architecture's tiny configuration at the smallest input it takes above 16 px (and,
 * for 3-D networks, patches of at least 4 slices).
 */
function tinySpec(def: (typeof ARCHITECTURES)[number], numClasses: number): ModelSpec {
  const architecture = def.tiny;
  const stride = def.inputMultiple(architecture as never);
  return {
    architecture,
    inputSize: Math.max(stride, Math.ceil(32 / stride) * stride),
    inChannels: 1,
    numClasses,
    ...(def.geometry === 'volume' ? { patchDepth: Math.max(stride, 4) } : {}),
  };
}

/** A batch of `n` inputs of the spec's shape, filled with `value`. */
const inputs = (spec: ModelSpec, n: number) => [n, ...sampleShape(spec)];
/** The output shape of `n` samples with `classes` maps: the input's grid. */
const outputs = (spec: ModelSpec, n: number, classes: number) => [
  ...inputs(spec, n).slice(0, -1),
  classes,
];

const outputsOf = (y: tf.Tensor | tf.Tensor[]) => (Array.isArray(y) ? y : [y]);

for (const def of ARCHITECTURES) {
  describe(`${def.label} (${def.kind})`, () => {
    const presets: Record<string, ArchPreset<unknown>> = def.presets;
    for (const [name, preset] of Object.entries(presets)) {
      if (!preset.reference) continue;
      it(`preset ${name} has the ${preset.reference.total.toLocaleString('en')} parameters its source reports`, async () => {
        const p = countParams(await build(presetSpec(def.kind, name)));
        expect(p.trainable + p.nonTrainable).toBe(preset.reference?.total);
      });
    }

    it('every preset is buildable as specified', () => {
      for (const name of Object.keys(def.presets)) {
        expect(specProblem(presetSpec(def.kind, name))).toBeNull();
      }
      expect(def.presets[def.defaultPreset]).toBeDefined();
    });

    it('outputs full-resolution class maps, with its side outputs after the final one', async () => {
      const spec = tinySpec(def, 3);
      const m = await build(spec);
      const sides = def.sideOutputs(spec.architecture as never);
      const ys = outputsOf(m.predict(tf.zeros(inputs(spec, 2))));
      expect(ys).toHaveLength(1 + sides);
      for (const y of ys) expect(y.shape).toEqual(outputs(spec, 2, 3));
      // Softmax over classes: probabilities sum to one per pixel.
      expect(tf.sum(ys[0], -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
      tf.dispose(ys);
    });

    if (def.geometry === 'slice') {
      it('takes 2.5-D stacks of neighbouring slices as channels', async () => {
        const spec = { ...tinySpec(def, 1), contextSlices: 3, inChannels: 2 };
        const m = await build(spec);
        expect(m.inputs[0].shape).toEqual([null, spec.inputSize, spec.inputSize, 6]);
      });
    } else {
      it('takes 3-D patches of several channels, and no stacked slices', async () => {
        const spec = { ...tinySpec(def, 1), inChannels: 2 };
        const m = await build(spec);
        expect(m.inputs[0].shape).toEqual([null, ...sampleShape(spec)]);
        expect(specProblem({ ...spec, contextSlices: 3 })).toMatch(/stacked slices/);
        expect(specProblem({ ...spec, patchDepth: 3 })).toMatch(/Patch depth 3/);
      });
    }

    it('freezes exactly its encoder layers, and unfreezes them', async () => {
      const spec = tinySpec(def, 1);
      const m = await build(spec);
      const all = countParams(m);
      const encoder = m.layers.filter((l) => def.isEncoderLayer(l.name));
      expect(encoder.length).toBeGreaterThan(0);
      expect(freezeEncoder(m, spec)).toBe(encoder.length);
      const frozen = countParams(m);
      expect(frozen.trainable).toBeLessThan(all.trainable);
      expect(frozen.trainable).toBeGreaterThan(0);
      expect(frozen.trainable + frozen.nonTrainable).toBe(all.trainable + all.nonTrainable);
      expect(freezeEncoder(m, spec, false)).toBe(encoder.length);
      expect(countParams(m)).toEqual(all);
    });

    it('reloads with identical weights and predictions', async () => {
      const spec = tinySpec(def, 2);
      const m = await build(spec);
      const x = tf.randomNormal(inputs(spec, 2), 0, 1, 'float32', 7);
      // Move batch-norm statistics off their initial values so they are part of the check.
      tf.tidy(() => void m.apply(x, { training: true }));
      const before = outputsOf(m.predict(x));
      const loaded = await loadFromArtifacts(await saveToArtifacts(m));
      built.push(loaded);
      expect(countParams(loaded)).toEqual(countParams(m));
      const after = outputsOf(loaded.predict(x));
      after.forEach((t, i) =>
        expect(Array.from(t.dataSync())).toEqual(Array.from(before[i].dataSync())),
      );
      tf.dispose([x, ...before, ...after]);
    });

    it('halves its loss on a tiny batch, without leaking tensors', async () => {
      const spec = tinySpec(def, 1);
      const m = await build(spec);
      // Seeded, as the studio's runs are: an unseeded start makes the check a lottery.
      seedInitialWeights(m, 42);
      const batch = tinyBatchOf(sampleShape(spec), 2, 1);
      const loss = combineLosses([
        { loss: (t, p) => diceLoss(t, p), weight: 1 },
        { loss: (t, p) => binaryCrossEntropy(t, p), weight: 1 },
      ]);
      const run = overfit(m, batch, loss, 30, 0.01);
      expect(run.losses.every(Number.isFinite)).toBe(true);
      expect(Math.min(...run.losses.slice(-3))).toBeLessThan(0.5 * run.losses[0]);
      expect(new Set(run.tensorCounts).size).toBe(1);
      tf.dispose([batch.x, batch.y]);
    });

    it('brings its saved specs to the current shape unchanged', () => {
      const spec = presetSpec(def.kind);
      expect(upgradeSpec(spec)).toEqual(spec);
    });
  });
}

it('a softmax model trains with cross-entropy too (multi-class targets)', async () => {
  const def = ARCHITECTURES[0];
  const m = await build(tinySpec(def, 2));
  const batch = tinyBatch(2, 32, 2);
  const run = overfit(m, batch, (t, p) => categoricalCrossEntropy(t, p), 30, 0.01);
  expect(Math.min(...run.losses.slice(-3))).toBeLessThan(0.5 * run.losses[0]);
  tf.dispose([batch.x, batch.y]);
});

it('older U-Net specs with a batch-norm flag are upgraded to a normalization choice', () => {
  const saved = {
    architecture: { ...presetSpec('unet').architecture, batchNorm: true, normalization: undefined },
    inputSize: 64,
    inChannels: 1,
    numClasses: 1,
  } as unknown as ModelSpec;
  expect(upgradeSpec(saved).architecture).toMatchObject({ kind: 'unet', normalization: 'batch' });
});
