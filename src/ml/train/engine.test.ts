import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../shared/protocol';
import { SegmentationEngine } from './engine';
import { discCase, tinyConfig } from './fixtures';
import { useTrainingTestBackend } from './test-backend';

beforeAll(async () => {
  await useTrainingTestBackend();
});

function engineWithData(): SegmentationEngine {
  const engine = new SegmentationEngine();
  engine.setData(
    [
      discCase('a', 1),
      discCase('b', 2),
      discCase('v', 3, 40, 40, 6, 'val'),
      discCase('t', 4, 40, 40, 6, 'test'),
    ],
    'replace',
  );
  return engine;
}

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

describe('SegmentationEngine', () => {
  it('summarizes cases and refuses requests it cannot serve, with codes', async () => {
    const engine = new SegmentationEngine();
    const summary = engine.setData([discCase('a', 1)], 'replace');
    expect(summary).toEqual([{ name: 'a', role: 'train', dims: [40, 40, 6], labelValues: [0, 1] }]);
    expect((await rejection(engine.predict({ caseName: 'a' }))).code).toBe('no-model');
    const bad = tinyConfig({ target: { mode: 'multiclass', values: [1, 2] } });
    expect((await rejection(engine.train(bad))).code).toBe('bad-config');
    engine.setData([{ ...discCase('a', 1), role: 'test' }], 'replace');
    expect((await rejection(engine.train(tinyConfig()))).code).toBe('no-training-data');
    engine.setData(
      [{ ...discCase('b', 2), channels: [new Float32Array(9600), new Float32Array(9600)] }],
      'merge',
    );
    expect((await rejection(engine.train(tinyConfig()))).code).toBe('channel-mismatch');
    expect(() =>
      engine.setData([{ ...discCase('c', 1), label: new Uint8Array(5) }], 'merge'),
    ).toThrow(EngineError);
    await engine.dispose();
  });

  it('trains, predicts on each volume grid, and survives a save / load round trip', async () => {
    const engine = engineWithData();
    const started: string[][] = [];
    const done = await engine.train(tinyConfig({ epochs: 2, stepsPerEpoch: 4 }), {
      onStarted: (s) => started.push([...s.trainCases, '|', ...s.valCases]),
    });
    expect(done.reason).toBe('finished');
    expect(started).toEqual([['a', 'b', '|', 'v']]);
    const own = await engine.predict({ caseName: 't' });
    expect(own.caseName).toBe('t');
    expect(own.dims).toEqual([40, 40, 6]);
    expect(own.labels.length).toBe(40 * 40 * 6);
    const other = discCase('o', 5, 56, 44, 4);
    const p = await engine.predict({
      channels: other.channels,
      dims: other.dims,
      spacing: other.spacing,
    });
    expect(p.dims).toEqual([56, 44, 4]);
    expect(p.labels.length).toBe(56 * 44 * 4);

    const artifacts = await engine.saveModel();
    expect(artifacts.metadata?.spec.inputSize).toBe(32);
    expect(artifacts.weightData.byteLength).toBeGreaterThan(1000);
    const fresh = engineWithData();
    const loaded = await fresh.loadModel(artifacts);
    expect(loaded.target).toEqual({ mode: 'binary', foregroundValues: [1] });
    expect(loaded.params.trainable).toBeGreaterThan(0);
    const again = await fresh.predict({ caseName: 't' });
    expect(Array.from(again.probabilities.subarray(0, 3200))).toEqual(
      Array.from(own.probabilities.subarray(0, 3200)),
    );
    await fresh.dispose();
    await engine.dispose();
  });

  it('trains on centre crops and predicts back onto the whole grid, also after a reload', async () => {
    const engine = engineWithData();
    const config = tinyConfig({ epochs: 1, stepsPerEpoch: 2 });
    // 40 x 40 slices, 32 px crops: a 4-pixel margin all round stays background.
    await engine.train({ ...config, model: { ...config.model, sliceFit: 'crop' } });
    const p = await engine.predict({ caseName: 't' });
    expect(p.dims).toEqual([40, 40, 6]);
    const margin = (x: number, y: number) => x < 4 || x >= 36 || y < 4 || y >= 36;
    for (let i = 0; i < 40 * 40 * 6; i++) {
      if (margin(i % 40, Math.floor(i / 40) % 40)) expect(p.probabilities[i]).toBe(0);
    }
    const fresh = engineWithData();
    await fresh.loadModel(await engine.saveModel());
    const again = await fresh.predict({ caseName: 't' });
    expect(Array.from(again.probabilities)).toEqual(Array.from(p.probabilities));
    await fresh.dispose();
    await engine.dispose();
  });

  it('repeats a run exactly from the same seed and differs with another seed', async () => {
    const losses = async (seed: number): Promise<number[]> => {
      const engine = engineWithData();
      const steps: number[] = [];
      await engine.train(tinyConfig({ epochs: 3, stepsPerEpoch: 2, seed }), {
        onEpoch: (e) => steps.push(e.trainLoss),
      });
      await engine.dispose();
      return steps;
    };
    const first = await losses(5);
    expect(first).toHaveLength(3);
    expect(await losses(5)).toEqual(first);
    expect((await losses(6))[0]).not.toBe(first[0]);
  });

  it('fine-tunes with a frozen encoder, refuses a second run, and unfreezes afterwards', async () => {
    const engine = engineWithData();
    await engine.train(tinyConfig({ epochs: 1, stepsPerEpoch: 2 }));
    const model = engine.model!;
    const enc = model.getLayer('enc_l0_conv1');
    const dec = model.getLayer('dec_out_logits');
    const encBefore = Array.from(await enc.getWeights()[0].data());
    const decBefore = Array.from(await dec.getWeights()[0].data());
    const run = engine.train(
      tinyConfig({ epochs: 1, stepsPerEpoch: 3, fineTune: { freezeEncoder: true } }),
    );
    expect(engine.training).toBe(true);
    expect((await rejection(engine.train(tinyConfig()))).code).toBe('engine-busy');
    const done = await run;
    expect(done.reason).toBe('finished');
    expect(engine.model).toBe(model);
    expect(Array.from(await enc.getWeights()[0].data())).toEqual(encBefore);
    expect(Array.from(await dec.getWeights()[0].data())).not.toEqual(decBefore);
    expect(enc.trainable).toBe(true);
    await engine.dispose();
    expect(engine.model).toBeNull();
  });

  it('holds out validation cases automatically and releases every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const engine = new SegmentationEngine();
    engine.setData(
      [1, 2, 3, 4, 5, 6].map((i) => discCase(`c${i}`, i)),
      'replace',
    );
    let split: { train: string[]; val: string[] } | null = null;
    const config = tinyConfig({ epochs: 1, stepsPerEpoch: 1, autoValidationFraction: 0.34 });
    const done = await engine.train(config, {
      onStarted: (s) => (split = { train: s.trainCases, val: s.valCases }),
    });
    expect(split!.val).toHaveLength(2);
    expect(split!.train).toHaveLength(4);
    expect(split!.train.filter((n) => split!.val.includes(n))).toEqual([]);
    expect(done.metrics?.valDice).not.toBeNull();
    await engine.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
