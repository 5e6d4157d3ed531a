/**
 * Models leaving and coming back: a trained model's files carry its full training
 * configuration, and a model of a registered architecture saved elsewhere without the
 * studio's metadata (as the tfjs converter writes one from Keras) is recognized on import,
 * predicts, and fine-tunes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fromModelFiles, toModelFiles } from '../../features/training/model-files';
import { presetSpec } from '../../ml/models';
import { discCase, tinyConfig } from '../../ml/train/fixtures';
import { testBackend, testEngine } from './testing';

beforeAll(async () => {
  await testBackend();
});

const CASES = [
  discCase('a', 1, 32, 32, 4),
  discCase('b', 2, 32, 32, 4),
  discCase('v', 3, 32, 32, 4, 'val'),
];

describe('model exchange', () => {
  it('exports the full configuration and fine-tunes a metadata-free model of a studio architecture', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    const spec = { ...presetSpec('unet'), inputSize: 32 };
    const config = tinyConfig({ model: spec, epochs: 1, stepsPerEpoch: 1, batchSize: 2, seed: 8 });
    await engine.train({ run: 'here', config });
    const files = toModelFiles(await engine.exportModel('here'), 'here');
    const json = JSON.parse(files.json) as {
      userDefinedMetadata: { segstudio: { spec: unknown; target: unknown; config: unknown } };
    };
    expect(json.userDefinedMetadata.segstudio.config).toMatchObject({
      seed: 8,
      loss: config.loss,
      optimizer: config.optimizer,
      augmentation: config.augmentation,
      batchSize: 2,
    });
    expect(json.userDefinedMetadata.segstudio.spec).toMatchObject({
      architecture: spec.architecture,
    });

    // The same network as another tool saves it: no userDefinedMetadata at all.
    delete (json as { userDefinedMetadata?: unknown }).userDefinedMetadata;
    const plain = await fromModelFiles([
      new File([JSON.stringify(json)], 'model.json'),
      new File([files.weights], files.weightsName),
    ]);
    expect(plain.artifacts.metadata).toBeUndefined();
    const info = await engine.importModel({ id: 'elsewhere', artifacts: plain.artifacts });
    expect(info.spec?.architecture).toEqual(spec.architecture);
    expect(info.target).toEqual({ mode: 'binary', foregroundValues: [1] });
    const before = await engine.predict({ model: 'elsewhere', case: 'v' });
    const same = await engine.predict({ model: 'here', case: 'v' });
    expect(Array.from(before.probabilities)).toEqual(Array.from(same.probabilities));
    const tuned = await engine.train({
      run: 'tuned',
      from: 'elsewhere',
      config: tinyConfig({ epochs: 1, stepsPerEpoch: 1, batchSize: 2 }),
    });
    expect(tuned).toMatchObject({ reason: 'finished', model: 'tuned' });
    // The recognized spec was stored with the import: a restart knows it without recognizing.
    const again = await engine.exportModel('elsewhere');
    expect(again.metadata?.spec.architecture).toEqual(spec.architecture);
    await engine.dispose();
  });
});
