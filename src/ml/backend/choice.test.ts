import { describe, expect, it } from 'vitest';
import type { BackendChoice, BackendTrial } from '../types';
import {
  bestThreads,
  describeTrial,
  deviceFingerprint,
  fastestTrial,
  maxRelativeError,
  measuredReason,
  outpaced,
  reusableChoice,
  threadCandidates,
} from './choice';

function trial(
  backend: BackendTrial['backend'],
  msPerStep: number | null,
  ok = true,
): BackendTrial {
  return {
    backend,
    adapter: null,
    msPerStep,
    checkMsPerStep: msPerStep,
    maxRelError: ok ? 0 : 1,
    ok,
    note: ok ? '' : 'wrong training losses',
  };
}

describe('maxRelativeError', () => {
  it('is the largest difference relative to the reference', () => {
    expect(maxRelativeError([2, 4], [2.002, 4])).toBeCloseTo(1e-3, 9);
    expect(maxRelativeError([1, 1], [1, 0.9])).toBeCloseTo(0.1, 9);
  });
  it('is infinite for a non-finite loss or a missing step', () => {
    expect(maxRelativeError([1, 1], [1, Number.NaN])).toBe(Infinity);
    expect(maxRelativeError([1, 1], [1])).toBe(Infinity);
  });
});

describe('fastestTrial', () => {
  it('picks the quickest correct backend, passing over a faster wrong one', () => {
    const trials = [trial('wasm', 300), trial('webgpu', 40, false), trial('webgl', 250)];
    expect(fastestTrial(trials)?.backend).toBe('webgl');
  });
  it('is null when no trial is correct and timed', () => {
    expect(fastestTrial([trial('wasm', null), trial('webgl', 10, false)])).toBeNull();
  });
});

describe('measuredReason', () => {
  it('names the winner and every other figure or failure', () => {
    const trials = [trial('wasm', 312.4), trial('webgpu', 2400), trial('webgl', 20, false)];
    expect(measuredReason(trials[0], trials)).toBe(
      'fastest backend that trains correctly: wasm 312 ms/step ' +
        '(webgpu 2,400 ms/step; webgl: wrong training losses)',
    );
  });
});

describe('reusableChoice', () => {
  const print = deviceFingerprint({ userAgent: 'UA', cores: 2, gpuAdapter: null });
  const cached: BackendChoice = {
    how: 'measured',
    reason: 'r',
    fingerprint: print,
    measuredAt: '2026-01-01T00:00:00Z',
    picked: 'wasm',
    trials: [trial('wasm', 300)],
  };
  it('reuses a measurement of the same device', () => {
    expect(reusableChoice(cached, print)).toBe('wasm');
  });
  it('measures again on another device, GPU or core count', () => {
    expect(
      reusableChoice(cached, deviceFingerprint({ userAgent: 'UA', cores: 8, gpuAdapter: null })),
    ).toBeNull();
    expect(
      reusableChoice(
        cached,
        deviceFingerprint({ userAgent: 'UA', cores: 2, gpuAdapter: 'nvidia' }),
      ),
    ).toBeNull();
    expect(reusableChoice(null, print)).toBeNull();
  });
  it('does not reuse a pick whose trial failed', () => {
    expect(reusableChoice({ ...cached, trials: [trial('wasm', 300, false)] }, print)).toBeNull();
  });
});

describe('outpaced', () => {
  const fastest = trial('wasm', 300);
  fastest.checkMsPerStep = 30;
  it('spares timing a backend over three times slower on the check network', () => {
    expect(outpaced(900, fastest)).toBe(
      '30x slower than wasm on the check network, not timed further',
    );
    expect(outpaced(300, { ...fastest, checkMsPerStep: 45 })).toBe(
      '6.7x slower than wasm on the check network, not timed further',
    );
  });
  it('times a backend within the factor, under the floor, or when nothing is timed yet', () => {
    expect(outpaced(85, fastest)).toBeNull();
    expect(outpaced(240, { ...fastest, checkMsPerStep: 2 })).toBeNull();
    expect(outpaced(5000, null)).toBeNull();
  });
});

describe('threadCandidates', () => {
  it('times 1, 2 and every core', () => {
    expect(threadCandidates(8, 8)).toEqual([1, 2, 8]);
    expect(threadCandidates(4, 8)).toEqual([1, 2, 4]);
  });
  it('times each count once on small CPUs', () => {
    expect(threadCandidates(2, 8)).toEqual([1, 2]);
    expect(threadCandidates(1, 8)).toEqual([1]);
  });
  it('stops at the most threads the build can run, and survives an unknown core count', () => {
    expect(threadCandidates(32, 8)).toEqual([1, 2, 8]);
    expect(threadCandidates(Number.NaN, 8)).toEqual([1]);
    expect(threadCandidates(0, 8)).toEqual([1]);
  });
});

describe('per-thread trials', () => {
  const one = { ...trial('wasm', 500), threads: 1 };
  const two = { ...trial('wasm', 300), threads: 2 };
  it('keeps the thread count of the fastest trial of a backend', () => {
    expect(bestThreads([one, two, trial('webgl', 100)], 'wasm')).toBe(2);
    expect(bestThreads([one, { ...two, ok: false }], 'wasm')).toBe(1);
    expect(bestThreads([trial('webgl', 100)], 'wasm')).toBeNull();
  });
  it('names the threads of each trial', () => {
    expect(describeTrial(two)).toBe('wasm (2 threads) 300 ms/step');
    expect(measuredReason(two, [one, two])).toBe(
      'fastest backend that trains correctly: wasm (2 threads) 300 ms/step ' +
        '(wasm (1 thread) 500 ms/step)',
    );
  });
});
