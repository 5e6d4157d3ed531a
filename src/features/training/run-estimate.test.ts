import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../ml/models';
import type { BackendChoice, BackendTrial } from '../../ml/types';
import { RUN_LENGTHS } from './run-length';
import {
  estimateRun,
  formatDuration,
  macsPerPixel,
  measuredTrial,
  resolvedStepsPerEpoch,
  splitSlices,
} from './run-estimate';

const unet = presetSpec('unet').architecture;
const spec = { architecture: unet, inputSize: 128, inChannels: 1, numClasses: 1 };

describe('macsPerPixel', () => {
  it('counts a small U-Net level by level', () => {
    // Levels of 4, 8, 16 filters, 3x3: encoder 180 + 216 + 216, decoder (2x2 up-convolution
    // and two convolutions) 32 + 432 and 32 + 432, 1x1 output 4.
    const tiny = {
      ...unet,
      depth: 3 as const,
      baseFilters: 4,
      maxFilters: 16,
      kernelSize: 3 as const,
    };
    expect(macsPerPixel(tiny)).toBe(1544);
  });
  it('grows with filters and kernel size, and is unknown for other networks', () => {
    const base = macsPerPixel(unet) ?? 0;
    expect(macsPerPixel({ ...unet, baseFilters: 32, maxFilters: 512 })).toBeCloseTo(4 * base, -3);
    expect(macsPerPixel({ ...unet, kernelSize: 5 }) ?? 0).toBeGreaterThan(2.5 * base);
    expect(macsPerPixel(presetSpec('enet').architecture)).toBeNull();
  });
});

describe('estimateRun', () => {
  it('scales the probe step (default U-Net, 64x64, batch 4) by pixels and batch', () => {
    const run = { spec, batchSize: 8, epochs: 10, stepsPerEpoch: 40, validationSlices: 0 };
    const e = estimateRun(400, run);
    expect(e.msPerStep).toBeCloseTo(400 * 4 * 2, 6);
    expect(e.totalMs).toBeCloseTo(10 * 40 * 3200, 3);
    expect(e.scaledToNetwork).toBe(true);
  });
  it('adds a forward pass over the validation slices after every epoch', () => {
    const base = { spec, batchSize: 8, epochs: 2, stepsPerEpoch: 10, validationSlices: 0 };
    const plain = estimateRun(400, base).totalMs;
    const validated = estimateRun(400, { ...base, validationSlices: 30 }).totalMs;
    // 400 ms per 4 slices at 64 px is 400 ms per slice at 128 px; a forward pass is a third.
    expect(validated - plain).toBeCloseTo(2 * 30 * (400 / 3), 6);
  });
  it('puts Quick at the work of about 34 probe steps: under 20 s at 500 ms per probe step', () => {
    const q = RUN_LENGTHS.quick;
    const run = {
      spec: { ...spec, inputSize: q.inputSize },
      batchSize: q.batchSize,
      epochs: q.epochs,
      stepsPerEpoch: q.stepsPerEpoch,
      // The built-in sample's one validation case: 24 slices.
      validationSlices: 24,
    };
    const e = estimateRun(500, run);
    expect(e.msPerStep * q.epochs * q.stepsPerEpoch).toBeCloseTo(33.75 * 500, 6);
    expect(e.totalMs).toBeLessThan(20_000);
  });
  it('scales a larger U-Net by its arithmetic, and says when it could not', () => {
    const big = { ...spec, architecture: { ...unet, baseFilters: 32, maxFilters: 512 } };
    const run = { spec: big, batchSize: 4, epochs: 1, stepsPerEpoch: 1, validationSlices: 0 };
    expect(estimateRun(100, run).msPerStep).toBeCloseTo(4 * 4 * 100, -1);
    const enet = { ...spec, architecture: presetSpec('enet').architecture };
    expect(estimateRun(100, { ...run, spec: enet }).scaledToNetwork).toBe(false);
  });
});

describe('measuredTrial', () => {
  const trial = (backend: BackendTrial['backend'], ms: number | null, threads?: number) => ({
    backend,
    adapter: null,
    ...(threads ? { threads } : {}),
    msPerStep: ms,
    checkMsPerStep: null,
    maxRelError: 0,
    ok: true,
    note: '',
  });
  const choice = (trials: BackendTrial[], picked: BackendChoice['picked']): BackendChoice => ({
    how: 'measured',
    reason: '',
    fingerprint: '',
    measuredAt: null,
    picked,
    trials,
  });
  it('is the fastest timed trial of the picked backend', () => {
    const c = choice([trial('wasm', 500, 1), trial('wasm', 300, 2), trial('webgl', 200)], 'wasm');
    expect(measuredTrial(c)?.threads).toBe(2);
  });
  it('is null without a measurement', () => {
    expect(measuredTrial(choice([], null))).toBeNull();
    expect(measuredTrial(null)).toBeNull();
    expect(measuredTrial(choice([trial('wasm', null)], 'wasm'))).toBeNull();
  });
});

describe('helpers', () => {
  it('resolves one pass per epoch from the slices', () => {
    expect(resolvedStepsPerEpoch(40, 500, 8)).toBe(40);
    expect(resolvedStepsPerEpoch(0, 500, 8)).toBe(63);
  });
  it('counts slices per split, holding out training slices without validation cases', () => {
    const cases = [
      { split: 'train', labelled: true, depth: 20 },
      { split: 'train', labelled: true, depth: 20 },
      { split: 'test', labelled: true, depth: 30 },
      { split: 'train', labelled: false, depth: 99 },
    ];
    expect(splitSlices(cases, 0.15)).toEqual({ train: 34, val: 6 });
    expect(splitSlices([...cases, { split: 'val', labelled: true, depth: 10 }], 0.15)).toEqual({
      train: 40,
      val: 10,
    });
  });
  it('formats durations for people', () => {
    expect([28_000, 95_000, 7.4 * 60_000, 100 * 60_000].map(formatDuration)).toEqual([
      'about 30 s',
      'about 2 min',
      'about 7 min',
      'about 1 h 40 min',
    ]);
  });
});
