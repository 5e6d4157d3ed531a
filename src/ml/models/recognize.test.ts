import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTrainingTestBackend } from '../train/test-backend';
import { buildModel, loadFromArtifacts, presetSpec, saveToArtifacts } from './index';
import { layerSignature, recognizeSpec } from './recognize';
import { tinyUNetSpec } from './testing-specs';

beforeAll(async () => {
  await startTrainingTestBackend();
});

/** A model as another tool hands it back: topology and weights, no studio metadata. */
async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  const saved = await saveToArtifacts(model);
  return loadFromArtifacts({
    modelTopology: saved.modelTopology,
    weightSpecs: saved.weightSpecs,
    weightData: saved.weightData,
  });
}

describe('recognizeSpec', () => {
  it('finds the preset a plain model of a registered architecture was built from', async () => {
    const spec = { ...presetSpec('unet'), inputSize: 32, numClasses: 1 };
    const original = await buildModel(spec);
    const loaded = await roundTrip(original);
    const found = await recognizeSpec(loaded);
    expect(found?.architecture).toEqual(spec.architecture);
    expect(found).toMatchObject({ inputSize: 32, inChannels: 1, numClasses: 1 });
    original.dispose();
    loaded.dispose();
  });

  it('tries the specs it is given first, and refuses what matches nothing', async () => {
    const tiny = tinyUNetSpec(16);
    const model = await buildModel(tiny);
    const loaded = await roundTrip(model);
    expect(await recognizeSpec(loaded)).toBeNull();
    expect((await recognizeSpec(loaded, [tiny]))?.architecture).toEqual(tiny.architecture);
    // Same layers but another width: the weight shapes tell them apart.
    const wider = { ...tiny, architecture: { ...tiny.architecture, baseFilters: 8 } };
    const other = await buildModel(wider);
    expect(layerSignature(other)).not.toBe(layerSignature(loaded));
    other.dispose();
    const stranger = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
    expect(await recognizeSpec(stranger)).toBeNull();
    model.dispose();
    loaded.dispose();
  });
});
