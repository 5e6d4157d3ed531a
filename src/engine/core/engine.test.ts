import { beforeAll, describe, expect, it } from 'vitest';
import { discCase, tinyConfig } from '../../ml/train/fixtures';
import type { EpochMetrics } from '../../ml/types';
import { EngineError } from '../../shared/engine-error';
import type { EngineEvent } from '../api';
import { SegmentationEngine } from './engine';
import { memoryStores } from './stores';
import { liveTensors, testBackend, testEngine } from './testing';

beforeAll(async () => {
  await testBackend();
});

const CASES = [
  discCase('a', 1),
  discCase('b', 2),
  discCase('v', 3, 40, 40, 6, 'val'),
  discCase('t', 4, 40, 40, 6, 'test'),
];

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  return e as EngineError;
}

/** Collects the events of one run. */
function record(engine: ReturnType<typeof testEngine>) {
  const events: EngineEvent[] = [];
  const off = engine.subscribe((e) => events.push(e));
  const epochs = () =>
    events.filter((e): e is EngineEvent & EpochMetrics => e.type === 'epoch').map((e) => e);
  return { events, epochs, off };
}

describe('SegmentationEngine', () => {
  it('summarizes cases and refuses requests it cannot serve, with codes', async () => {
    const engine = testEngine();
    const summary = await engine.putCases([discCase('a', 1)]);
    expect(summary).toEqual([{ name: 'a', role: 'train', dims: [40, 40, 6], labelValues: [0, 1] }]);
    expect((await rejection(engine.predict({ model: 'none', case: 'a' }))).code).toBe('no-model');
    const bad = tinyConfig({ target: { mode: 'multiclass', values: [1, 2] } });
    expect((await rejection(engine.train({ run: 'r', config: bad }))).code).toBe('bad-config');
    await engine.putCases([{ ...discCase('a', 1), role: 'test' }]);
    expect((await rejection(engine.train({ run: 'r', config: tinyConfig() }))).code).toBe(
      'no-training-data',
    );
    await engine.putCases([
      { ...discCase('b', 2), channels: [new Float32Array(9600), new Float32Array(9600)] },
    ]);
    expect((await rejection(engine.train({ run: 'r', config: tinyConfig() }))).code).toBe(
      'channel-mismatch',
    );
    await expect(
      engine.putCases([{ ...discCase('c', 1), label: new Uint8Array(5) }]),
    ).rejects.toThrow(EngineError);
    expect(
      (await rejection(engine.train({ run: 'r', config: tinyConfig(), resume: true }))).code,
    ).toBe('unknown-run');
    await engine.dispose();
  });

  it('reports a lost GPU device as an event, so the page can restart it', async () => {
    let lose: (reason: string) => void = () => undefined;
    const engine = new SegmentationEngine({
      stores: memoryStores(),
      selectBackend: testBackend,
      watchBackend: (onLost) => (lose = onLost),
    });
    const events: EngineEvent[] = [];
    engine.subscribe((e) => events.push(e));
    const info = await engine.init({ backend: 'auto', cached: null });
    lose('the WebGPU device was lost');
    expect(events).toEqual([
      { type: 'backend-lost', backend: info.backend, reason: 'the WebGPU device was lost' },
    ]);
    await engine.dispose();
  });

  it('keeps models by id: predicting with an earlier run after importing another', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    const started: string[][] = [];
    const off = engine.subscribe((e) => {
      if (e.type === 'started') started.push([...e.trainCases, '|', ...e.valCases]);
    });
    const first = await engine.train({
      run: 'run-1',
      config: tinyConfig({ epochs: 2, stepsPerEpoch: 4 }),
    });
    off();
    expect(first).toMatchObject({ reason: 'finished', model: 'run-1' });
    expect(first.params?.trainable).toBeGreaterThan(0);
    expect(first.sizeBytes).toBeGreaterThan(1000);
    expect(started).toEqual([['a', 'b', '|', 'v']]);
    const own = await engine.predict({ model: 'run-1', case: 't' });
    expect(own.dims).toEqual([40, 40, 6]);

    await engine.train({
      run: 'run-2',
      config: tinyConfig({ epochs: 1, stepsPerEpoch: 2, seed: 9 }),
    });
    const imported = await engine.importModel({
      id: 'imported',
      artifacts: await engine.exportModel('run-2'),
    });
    expect(imported.params.trainable).toBe(first.params?.trainable);
    await engine.predict({ model: 'imported', case: 't' });
    const again = await engine.predict({ model: 'run-1', case: 't' });
    expect(Array.from(again.probabilities)).toEqual(Array.from(own.probabilities));
    await engine.dispose();
  });

  it('bounds the models in memory and builds evicted ones again from its store', async () => {
    const stores = memoryStores();
    // Room for about one tiny U-Net.
    const engine = testEngine(stores, 20_000);
    await engine.putCases(CASES);
    await engine.train({ run: 'm1', config: tinyConfig({ epochs: 1, stepsPerEpoch: 1 }) });
    const p1 = await engine.predict({ model: 'm1', case: 't' });
    await engine.train({ run: 'm2', config: tinyConfig({ epochs: 1, stepsPerEpoch: 1, seed: 3 }) });
    expect(engine.modelsInMemory).toEqual(['m2']);
    const again = await engine.predict({ model: 'm1', case: 't' });
    expect(Array.from(again.probabilities)).toEqual(Array.from(p1.probabilities));
    expect(engine.modelsInMemory).toEqual(['m1']);
    // A new engine on the same stores (a reload, a restarted worker) has every model.
    const restarted = testEngine(stores);
    await restarted.putCases(CASES);
    const p2 = await restarted.predict({ model: 'm1', case: 't' });
    expect(Array.from(p2.probabilities)).toEqual(Array.from(p1.probabilities));
    await restarted.dispose();
    await engine.dispose();
  });

  it('averages several models (an ensemble) and mirror-averages with test-time augmentation', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    await engine.train({ run: 'e1', config: tinyConfig({ epochs: 1, stepsPerEpoch: 3 }) });
    await engine.train({ run: 'e2', config: tinyConfig({ epochs: 1, stepsPerEpoch: 3, seed: 5 }) });
    const a = await engine.predict({ model: 'e1', case: 't' });
    const b = await engine.predict({ model: 'e2', case: 't' });
    const both = await engine.predict({ model: ['e1', 'e2'], case: 't', uncertainty: true });
    let worst = 0;
    for (let i = 0; i < both.probabilities.length; i++) {
      const mean = (a.probabilities[i] + b.probabilities[i]) / 2;
      worst = Math.max(worst, Math.abs(both.probabilities[i] - mean));
    }
    expect(worst).toBeLessThan(1e-6);
    // The two members differ, so the average is neither of them.
    expect(Array.from(both.probabilities)).not.toEqual(Array.from(a.probabilities));
    expect(both.uncertainty?.length).toBe(40 * 40 * 6);
    const mirrored = await engine.predict({ model: 'e1', case: 't', tta: true });
    expect(Array.from(mirrored.probabilities)).not.toEqual(Array.from(a.probabilities));
    await engine.dispose();
  });

  it('resumes from its checkpoint to the same losses as an uninterrupted run', async () => {
    const config = tinyConfig({ epochs: 3, stepsPerEpoch: 3, seed: 11 });
    const straight = testEngine();
    await straight.putCases(CASES);
    const s = record(straight);
    const full = await straight.train({ run: 'r', config });
    expect(full.reason).toBe('finished');
    // Finished runs leave no checkpoint behind.
    expect(await straight.checkpointInfo('r')).toBeNull();
    await straight.dispose();

    // Stop after the first epoch's checkpoint, then continue in a new engine on the same
    // stores, as after a reload or a crash.
    const stores = memoryStores();
    const first = testEngine(stores);
    await first.putCases(CASES);
    const off = first.subscribe((e) => {
      if (e.type === 'checkpoint' && e.epoch === 1) void first.stop('r');
    });
    const stopped = await first.train({ run: 'r', config });
    off();
    expect(stopped.reason).toBe('stopped');
    expect(await first.checkpointInfo('r')).toEqual({ run: 'r', epoch: 1, step: 3, totalSteps: 9 });
    await first.dispose();

    const second = testEngine(stores);
    await second.putCases(CASES);
    const r = record(second);
    const resumed = await second.train({ run: 'r', config, resume: true });
    expect(resumed.reason).toBe('finished');
    const started = r.events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ resumedAtEpoch: 1 });
    const straightEpochs = s.epochs();
    const resumedEpochs = r.epochs();
    expect(resumedEpochs.map((e) => e.epoch)).toEqual([2, 3]);
    for (const e of resumedEpochs) {
      const twin = straightEpochs[e.epoch - 1];
      expect(Math.abs(e.trainLoss - twin.trainLoss) / twin.trainLoss).toBeLessThan(1e-4);
      expect(e.valDice).toBeCloseTo(twin.valDice as number, 4);
    }
    expect(resumed.bestEpoch).toBe(full.bestEpoch);
    await second.dispose();
  });

  it('fine-tunes a copy with a frozen encoder, refuses a second run, and keeps the original', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    await engine.train({ run: 'base', config: tinyConfig({ epochs: 1, stepsPerEpoch: 2 }) });
    const base = await engine.model('base');
    const encBefore = Array.from(await base.getLayer('enc_l0_conv1').getWeights()[0].data());
    const run = engine.train({
      run: 'tuned',
      from: 'base',
      config: tinyConfig({ epochs: 1, stepsPerEpoch: 3, fineTune: { freezeEncoder: true } }),
    });
    expect(engine.training).toBe(true);
    expect((await rejection(engine.train({ run: 'x', config: tinyConfig() }))).code).toBe(
      'engine-busy',
    );
    expect((await run).reason).toBe('finished');
    const tuned = await engine.model('tuned');
    const enc = tuned.getLayer('enc_l0_conv1');
    expect(Array.from(await enc.getWeights()[0].data())).toEqual(encBefore);
    expect(enc.trainable).toBe(true);
    const dec = (m: typeof tuned) =>
      Array.from(m.getLayer('dec_out_logits').getWeights()[0].dataSync());
    expect(dec(tuned)).not.toEqual(dec(await engine.model('base')));
    // Frozen batch norm keeps its statistics: the encoder's moving mean did not move.
    const mean = (m: typeof tuned) =>
      Array.from(m.getLayer('enc_l0_bn1').getWeights()[2].dataSync());
    expect(mean(tuned)).toEqual(mean(await engine.model('base')));
    await engine.dispose();
  });

  it('trains on the slices of a partly annotated case that were reviewed, and on label edits', async () => {
    const engine = testEngine();
    const partial = { ...discCase('p', 7), reviewed: [1, 2] };
    await engine.putCases([partial, discCase('v', 3, 40, 40, 6, 'val')]);
    let slices = -1;
    const off = engine.subscribe((e) => {
      if (e.type === 'started') slices = e.trainSlices;
    });
    await engine.train({ run: 'r', config: tinyConfig({ epochs: 1, stepsPerEpoch: 1 }) });
    expect(slices).toBe(2);
    await engine.updateLabel({ case: 'p', slices: [], reviewed: null });
    await engine.train({ run: 'r2', config: tinyConfig({ epochs: 1, stepsPerEpoch: 1 }) });
    expect(slices).toBe(6);
    off();
    await expect(
      engine.updateLabel({ case: 'p', slices: [{ z: 9, data: new Uint8Array(1600) }] }),
    ).rejects.toThrow(/slice 9/);
    await engine.dispose();
  });

  it('trains on centre crops and predicts back onto the whole grid', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    const config = tinyConfig({ epochs: 1, stepsPerEpoch: 2 });
    // 40 x 40 slices, 32 px crops: a 4-pixel margin all round stays background.
    await engine.train({
      run: 'c',
      config: { ...config, model: { ...config.model, sliceFit: 'crop' } },
    });
    const p = await engine.predict({ model: 'c', case: 't' });
    const margin = (x: number, y: number) => x < 4 || x >= 36 || y < 4 || y >= 36;
    for (let i = 0; i < 40 * 40 * 6; i++) {
      if (margin(i % 40, Math.floor(i / 40) % 40)) expect(p.probabilities[i]).toBe(0);
    }
    await engine.dispose();
  });

  it('repeats a run exactly from the same seed, holds out validation by case, and leaks nothing', async () => {
    const before = liveTensors();
    const losses = async (seed: number): Promise<number[]> => {
      const engine = testEngine();
      await engine.putCases([1, 2, 3, 4, 5, 6].map((i) => discCase(`c${i}`, i)));
      const r = record(engine);
      await engine.train({
        run: 'r',
        config: tinyConfig({ epochs: 2, stepsPerEpoch: 2, seed, autoValidationFraction: 0.34 }),
      });
      const started = r.events.find((e) => e.type === 'started');
      expect(started?.type === 'started' && started.valCases).toHaveLength(2);
      await engine.dropModel('r');
      await engine.dispose();
      return r.epochs().map((e) => e.trainLoss);
    };
    const first = await losses(5);
    expect(first).toHaveLength(2);
    expect(await losses(5)).toEqual(first);
    expect((await losses(6))[0]).not.toBe(first[0]);
    expect(liveTensors()).toBe(before);
  });
});
