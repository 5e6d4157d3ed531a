import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { robustZScore } from '../../io';
import { NO_AUGMENTATION } from '../data/augment';
import { discCase, tinyVolumeConfig } from '../train/fixtures';
import { startTrainingTestBackend } from '../train/test-backend';
import { patchGeometry } from './patch3d';
import type { ModelInput } from './types';

beforeAll(async () => {
  await startTrainingTestBackend();
});

const config = tinyVolumeConfig();
const spec = { ...config.model, voxelSpacing: [1, 1, 3] as [number, number, number] };
const target = config.target;

/** A model of `spec`'s patch shape whose output is `f` of its input. */
function modelOf(f: (x: tf.SymbolicTensor) => tf.SymbolicTensor): tf.LayersModel {
  const input = tf.input({ shape: [4, 16, 16, 1] });
  return tf.model({ inputs: input, outputs: f(input) });
}

describe('3-D patch geometry', () => {
  it('batches patches and their targets, flagging foreground centres', () => {
    const cases = [discCase('a', 1), discCase('b', 2)].map((c) =>
      patchGeometry.prepare(c, spec, target),
    );
    const set = patchGeometry.trainingSet(cases, { model: spec, augmentation: NO_AUGMENTATION });
    expect(set.names).toEqual(['a', 'b']);
    expect(set.slicesPerSample).toBe(4);
    expect(set.reportedSlices(0)).toBe(12);
    // 40x40x6 volumes in 4x16x16 tiles: 2 x 3 x 3 per case.
    expect(set.passLength(0)).toBe(36);
    const fg = set.foreground.findIndex(Boolean);
    const bg = set.foreground.findIndex((f) => !f);
    expect(fg).toBeGreaterThanOrEqual(0);
    const rng = () => 0.5;
    const batch = set.batch([
      { index: fg, params: set.drawParams(rng) },
      { index: bg, params: set.drawParams(rng) },
    ]);
    expect(batch.x.shape).toEqual([2, 4, 16, 16, 1]);
    expect(batch.y.shape).toEqual([2, 4, 16, 16, 1]);
    const y = batch.y.arraySync() as number[][][][][];
    // The foreground site's patch holds its centre voxel's foreground.
    expect(y[0].flat(4).some((v) => v === 1)).toBe(true);
    tf.dispose([batch.x, batch.y]);
  });

  it('a constant-prediction model gives the constant on the whole case grid', async () => {
    const model = modelOf(
      (x) =>
        tf.layers
          .dense({
            units: 1,
            kernelInitializer: 'zeros',
            biasInitializer: tf.initializers.constant({ value: -0.8 }),
            activation: 'sigmoid',
          })
          .apply(x) as tf.SymbolicTensor,
    );
    const image = discCase('t', 3, 37, 29, 7);
    for (const gaussian of [false, true]) {
      const p = await patchGeometry.predict(model, image, { input: spec, gaussian });
      expect(p.dims).toEqual([37, 29, 7]);
      const expected = 1 / (1 + Math.exp(0.8));
      expect(p.values.every((v) => Math.abs(v - expected) < 1e-5)).toBe(true);
    }
  });

  it('puts every window back where it was cut: an identity model returns the input', async () => {
    const model = modelOf(
      (x) => tf.layers.activation({ activation: 'linear' }).apply(x) as tf.SymbolicTensor,
    );
    const image = discCase('t', 4, 37, 29, 7);
    const native: ModelInput = { ...spec, voxelSpacing: [1, 1, 3] };
    const progress: number[] = [];
    const p = await patchGeometry.predict(model, image, {
      input: native,
      onProgress: (done, total) => progress.push(done / total),
    });
    const normalized = robustZScore(image.channels[0]);
    p.values.forEach((v, i) => expect(v).toBeCloseTo(normalized[i], 4));
    expect(progress.at(-1)).toBe(1);
    // Mirrored windows flipped back are the identity too.
    for (const [upDown, passes] of [
      [false, 2],
      [true, 4],
    ] as const) {
      const mirrored = await patchGeometry.predict(model, image, {
        input: native,
        tta: { upDown },
      });
      mirrored.values.forEach((v, i) => expect(v).toBeCloseTo(normalized[i], 4));
      expect(mirrored.passes).toBe(passes);
    }
  });

  it('stops when cancelled, and refuses partly annotated cases', async () => {
    const model = modelOf(
      (x) => tf.layers.activation({ activation: 'sigmoid' }).apply(x) as tf.SymbolicTensor,
    );
    await expect(
      patchGeometry.predict(model, discCase('t', 5), { input: spec, cancelled: () => true }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(() =>
      patchGeometry.prepare({ ...discCase('p', 6), reviewed: [1] }, spec, target),
    ).toThrow(/partly annotated/);
  });

  it('completes a new spec with the median spacing of its training cases', () => {
    const cases = [1, 2, 3].map((i) => ({
      ...discCase(`c${i}`, i),
      spacing: [i, 1, 2 * i] as [number, number, number],
    }));
    expect(patchGeometry.fitSpec(config.model, cases).voxelSpacing).toEqual([2, 1, 4]);
    expect(patchGeometry.fitSpec(spec, cases).voxelSpacing).toEqual([1, 1, 3]);
  });
});
