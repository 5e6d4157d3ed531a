/**
 * The probe on the two backends Node has: the cpu reference must pass its own check,
 * wasm with the training kernels must match it, and a backend whose convolution gradient
 * is broken must be rejected however fast it is.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTrainingTestBackend } from '../train/test-backend';
import { CHECK_STEPS, measureCurrentBackend, referenceLosses } from './probe';
import { PROBE_TOLERANCE } from './choice';

let reference: number[] = [];
let wasm = false;

beforeAll(async () => {
  wasm = (await startTrainingTestBackend()) === 'wasm';
  reference = await referenceLosses();
}, 60_000);

afterEach(async () => {
  await tf.setBackend(wasm ? 'wasm' : 'cpu');
});

describe('backend probe', () => {
  it('computes two finite, falling reference losses on cpu', () => {
    expect(reference).toHaveLength(CHECK_STEPS);
    expect(reference.every(Number.isFinite)).toBe(true);
    expect(reference[CHECK_STEPS - 1]).toBeLessThan(reference[0]);
  });

  it('accepts and times the wasm backend', async () => {
    if (!wasm) return;
    const tensors = tf.memory().numTensors;
    const trial = await measureCurrentBackend(reference, 'test');
    expect(trial.backend).toBe('wasm');
    expect(trial.ok).toBe(true);
    expect(trial.maxRelError).toBeLessThanOrEqual(PROBE_TOLERANCE);
    expect(trial.msPerStep).toBeGreaterThan(0);
    expect(trial.checkMsPerStep).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(tensors);
  }, 120_000);

  it('rejects a backend whose losses differ from the reference', async () => {
    const shifted = reference.map((l) => l * 1.01);
    const trial = await measureCurrentBackend(shifted, null);
    expect(trial.ok).toBe(false);
    expect(trial.msPerStep).toBeNull();
    expect(trial.note).toMatch(/wrong training losses/);
  }, 120_000);
});
