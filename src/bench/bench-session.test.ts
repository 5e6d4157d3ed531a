/**
 * The bench API end to end in one thread: the real engine client and worker handler
 * (cpu backend), NIfTI folders written in memory, a two-step run, scoring, and a model
 * saved to files and loaded back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeNifti, type Volume } from '../io';
import { discCase, tinyConfig, tinyUNet } from '../ml/train/fixtures';
import { createEngineClient, createInThreadEndpoint } from '../engine/client';
import { testEngine } from '../engine/core/testing';
import { attachEngine } from '../engine/handler';
import type { BenchApi, BenchEvent, CaseResult, FileRef } from './api';
import { createBenchApi } from './bench-session';

const files = new Map<string, Uint8Array>();

function serve(path: string, bytes: Uint8Array): FileRef {
  const url = `mem:${files.size}`;
  files.set(url, bytes);
  return { path, size: bytes.length, url };
}

function discFiles(name: string, seed: number): FileRef[] {
  const c = discCase(name, seed, 24, 20, 4);
  const grid: Omit<Volume, 'data' | 'sourceType'> = {
    dims: c.dims,
    spacing: c.spacing,
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1],
  };
  const image = writeNifti({ ...grid, data: c.channels[0], sourceType: 'float32' });
  const label = writeNifti({
    ...grid,
    data: Float32Array.from(c.label ?? []),
    sourceType: 'uint8',
  });
  return [serve(`${name}.nii`, image), serve(`${name}_seg.nii`, label)];
}

let api: BenchApi | null = null;
afterEach(async () => {
  await api?.dispose();
  api = null;
});

function createApi(events: BenchEvent[]): BenchApi {
  return createBenchApi({
    createClient: () =>
      createEngineClient(createInThreadEndpoint((port) => attachEngine(port, testEngine()))),
    readBytes: (f) => Promise.resolve(files.get(f.url) ?? new Uint8Array()),
    report: (e) => void events.push(e),
  });
}

describe('bench API on an in-thread engine', () => {
  it('trains, reports each step, scores test cases, and round-trips the model files', async () => {
    const events: BenchEvent[] = [];
    api = createApi(events);
    expect(['wasm', 'cpu']).toContain((await api.start('auto')).backend);
    const train = await api.loadFolder(
      [...discFiles('a', 1), ...discFiles('b', 2), ...discFiles('c', 3)],
      'train',
    );
    expect(train.cases.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    // Same name in both folders: the engine keeps them apart.
    await api.loadFolder([...discFiles('a', 7), ...discFiles('t', 8)], 'test');
    await api.sendCases();

    const config = tinyConfig({ model: tinyUNet(16), batchSize: 2, epochs: 1, stepsPerEpoch: 2 });
    const report = await api.train({ ...config, autoValidationFraction: 0.34 });
    expect(report.stepMs).toHaveLength(2);
    expect(report.stepMs.every((t) => t > 0)).toBe(true);
    expect(report.stepLoss.every(Number.isFinite)).toBe(true);
    expect(report.peakBytes).toBeGreaterThan(0);
    expect(report.started.trainCases).toHaveLength(2);
    expect(report.started.valCases).toHaveLength(1);
    expect(report.started.trainCases.every((n) => n.startsWith('train/'))).toBe(true);
    expect(report.done.reason).toBe('finished');
    expect(events.map((e) => e.type)).toEqual(['started', 'progress', 'progress', 'epoch']);

    const target = { mode: 'binary' as const, foregroundValues: [1] };
    const scores = await api.evaluate(target, false);
    expect(scores.map((s) => s.name)).toEqual(['a', 't']);
    for (const s of scores) {
      expect(s.dice).toBeGreaterThanOrEqual(0);
      expect(s.dice).toBeLessThanOrEqual(1);
      expect(s.truthVoxels).toBeGreaterThan(0);
      expect(s.slices).toBe(4);
    }

    const saved = await api.saveModel('model');
    expect(saved.weightsName).toBe('model.weights.bin');
    expect(JSON.parse(saved.json)).toMatchObject({ format: 'layers-model' });
    const loaded = await api.loadModel([
      serve('model.json', new TextEncoder().encode(saved.json)),
      serve(
        'model.weights.bin',
        Uint8Array.from(atob(saved.weightsBase64), (ch) => ch.charCodeAt(0)),
      ),
    ]);
    expect(loaded.inputSize).toBe(16);
    expect(loaded.params).toEqual(report.started.params);
    // Timing aside, the loaded model scores every case exactly as the trained one did.
    const stable = (r: CaseResult[]) => r.map((s) => [s.name, s.dice, s.iou, s.predictedVoxels]);
    expect(stable(await api.evaluate(target, false))).toEqual(stable(scores));
  });

  it('trains on the named cases of a fold and scores ensembles and mirror averaging', async () => {
    api = createApi([]);
    await api.start('auto');
    const train = await api.loadFolder(
      [1, 2, 3, 4].flatMap((i) => discFiles(`c${i}`, i)),
      'train',
    );
    // The label volume that folds are stratified by: disc voxels x 1 x 1 x 3 mm.
    expect(train.cases.every((c) => c.labelMl > 0)).toBe(true);
    await api.loadFolder(discFiles('t', 9), 'test');
    await api.sendCases();
    const config = tinyConfig({ model: tinyUNet(16), batchSize: 2, epochs: 1, stepsPerEpoch: 2 });
    const first = await api.train(config, { train: ['c1', 'c2'], val: ['c3'] });
    expect(first.started.trainCases).toEqual(['train/c1', 'train/c2']);
    expect(first.started.valCases).toEqual(['train/c3']);
    const second = await api.train({ ...config, seed: 7 }, { train: ['c3', 'c4'], val: [] });
    const [m1, m2] = [first.done.model as string, second.done.model as string];
    const target = { mode: 'binary' as const, foregroundValues: [1] };
    const held = await api.evaluate(target, false, { models: [m1], cases: ['c4'], role: 'train' });
    expect(held.map((r) => r.name)).toEqual(['c4']);
    const stable = (r: CaseResult[]) => r.map((s) => [s.name, s.dice, s.predictedVoxels]);
    // A model averaged with itself predicts what it predicts alone (the sum is divided).
    const alone = await api.evaluate(target, false, { models: [m1] });
    expect(stable(await api.evaluate(target, false, { models: [m1, m1] }))).toEqual(stable(alone));
    const both = await api.evaluate(target, false, { models: [m1, m2], tta: true });
    expect(both.map((r) => r.name)).toEqual(['t']);
    await expect(api.evaluate(target, false, { cases: ['c9'], role: 'train' })).rejects.toThrow(
      /no train case named c9/,
    );
  });

  it('times inference on a generated phantom case', async () => {
    api = createApi([]);
    await api.start('auto');
    const phantom = await api.loadPhantom(1, 32, 4);
    expect(phantom.cases[0]).toMatchObject({ name: 'phantom_00', dims: [32, 32, 4] });
    await api.sendCases();
    const config = tinyConfig({ model: tinyUNet(16), batchSize: 1, epochs: 1, stepsPerEpoch: 1 });
    await api.train({ ...config, target: api.phantomTarget() });
    const timing = await api.predictTiming('phantom_00', 'train');
    expect(timing.dims).toEqual([32, 32, 4]);
    expect(timing.msPerSlice).toBeCloseTo(timing.totalMs / 4);
    await expect(api.predictTiming('missing', 'train')).rejects.toThrow(/no train case/);
  });
});
