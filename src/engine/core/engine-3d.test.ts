/**
 * The engine with a 3-D network: patches, sliding-window validation and prediction go
 * through the same requests as 2-D networks, resume exactly from a checkpoint, and
 * predictions report progress and can be cancelled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { discCase, tinyVolumeConfig } from '../../ml/train/fixtures';
import type { EpochMetrics } from '../../ml/types';
import type { EngineEvent } from '../api';
import { memoryStores } from './stores';
import { liveTensors, testBackend, testEngine } from './testing';

beforeAll(async () => {
  await testBackend();
});

const CASES = [
  discCase('a', 1),
  discCase('b', 2),
  discCase('v', 3, 40, 40, 6, 'val'),
  discCase('t', 4, 37, 33, 7, 'test'),
];

function epochsOf(events: EngineEvent[]): (EngineEvent & EpochMetrics)[] {
  return events.filter((e): e is EngineEvent & EpochMetrics => e.type === 'epoch');
}

describe('SegmentationEngine with a 3D U-Net', () => {
  it('resumes from its checkpoint to the same losses as an uninterrupted run', async () => {
    const config = tinyVolumeConfig({ epochs: 3, stepsPerEpoch: 2, seed: 11 });
    const straight = testEngine();
    await straight.putCases(CASES);
    const s: EngineEvent[] = [];
    straight.subscribe((e) => s.push(e));
    const full = await straight.train({ run: 'r', config });
    expect(full.reason).toBe('finished');
    await straight.dispose();

    const stores = memoryStores();
    const first = testEngine(stores);
    await first.putCases(CASES);
    first.subscribe((e) => {
      if (e.type === 'checkpoint' && e.epoch === 1) void first.stop('r');
    });
    expect((await first.train({ run: 'r', config })).reason).toBe('stopped');
    await first.dispose();

    const second = testEngine(stores);
    await second.putCases(CASES);
    const r: EngineEvent[] = [];
    second.subscribe((e) => r.push(e));
    const resumed = await second.train({ run: 'r', config, resume: true });
    expect(resumed.reason).toBe('finished');
    expect(r.find((e) => e.type === 'started')).toMatchObject({ resumedAtEpoch: 1 });
    const resumedEpochs = epochsOf(r);
    expect(resumedEpochs.map((e) => e.epoch)).toEqual([2, 3]);
    for (const e of resumedEpochs) {
      const twin = epochsOf(s)[e.epoch - 1];
      expect(Math.abs(e.trainLoss - twin.trainLoss) / twin.trainLoss).toBeLessThan(1e-4);
      expect(e.valDice).toBeCloseTo(twin.valDice as number, 4);
    }
    expect(resumed.bestEpoch).toBe(full.bestEpoch);
    await second.dispose();
  });

  it('trains on patches, reports slices, and predicts a case on its own grid with progress', async () => {
    const before = liveTensors();
    const engine = testEngine();
    await engine.putCases(CASES);
    const events: EngineEvent[] = [];
    engine.subscribe((e) => events.push(e));
    const out = await engine.train({
      run: 'm',
      config: tinyVolumeConfig({ epochs: 2, stepsPerEpoch: 3 }),
    });
    expect(out.reason).toBe('finished');
    const started = events.find((e) => e.type === 'started');
    // Two 6-slice training volumes (1 x 1 x 3 mm, kept), one held out.
    expect(started).toMatchObject({ trainSlices: 12, valSlices: 6, valCases: ['v'] });
    const p = await engine.predict({ model: 'm', case: 't', id: 'p1', gaussian: true });
    expect(p.dims).toEqual([37, 33, 7]);
    expect(p.labels).toHaveLength(37 * 33 * 7);
    const progress = events.filter((e) => e.type === 'predict-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ id: 'p1', case: 't' });
    const last = progress.at(-1) as { done: number; total: number };
    expect(last.done).toBe(last.total);
    // The model keeps its fitted spacing, and a saved copy predicts the same.
    const info = await engine.importModel({ id: 'copy', artifacts: await engine.exportModel('m') });
    expect(info.spec?.voxelSpacing).toEqual([1, 1, 3]);
    const again = await engine.predict({ model: 'copy', case: 't', gaussian: true });
    expect(Array.from(again.probabilities)).toEqual(Array.from(p.probabilities));
    await engine.dropModel('copy');
    await engine.dropModel('m');
    await engine.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('cancels a prediction, queued or running, with a cancelled error', async () => {
    const engine = testEngine();
    await engine.putCases(CASES);
    await engine.train({ run: 'm', config: tinyVolumeConfig({ epochs: 1, stepsPerEpoch: 1 }) });
    const running = engine.predict({ model: 'm', case: 't', id: 'a', batchSize: 1 });
    const queued = engine.predict({ model: 'm', case: 't', id: 'b' });
    engine.subscribe((e) => {
      if (e.type === 'predict-progress' && e.id === 'a' && e.done === 1)
        void engine.cancelPrediction('a');
    });
    await engine.cancelPrediction('b');
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    await expect(queued).rejects.toMatchObject({ code: 'cancelled' });
    // A later prediction under a cancelled name runs.
    expect((await engine.predict({ model: 'm', case: 't', id: 'b' })).dims).toEqual([37, 33, 7]);
    await engine.dispose();
  });
});
