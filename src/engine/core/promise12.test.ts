/**
 * Training on real data: three PROMISE12 cases (two to train, one to validate) at 32x32.
 * Checks that the loss falls, the tensor count stays flat, and predictions come back on
 * the 128 x 128 x 32 grid of the scans.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNifti } from '../../io';
import type { CaseData, EpochMetrics, SplitRole } from '../../ml/types';
import { tinyConfig } from '../../ml/train/fixtures';
import { testBackend, testEngine } from './testing';

const DATA = path.resolve(__dirname, '../../../../shared/data/promise12');
const present = existsSync(DATA);

function loadCase(index: number, role: SplitRole): CaseData {
  const id = String(index).padStart(2, '0');
  const read = (kind: string) => {
    const file = path.join(DATA, `${kind}_train${id}.nii.gz`);
    return readNifti(readFileSync(file), file)[0];
  };
  const image = read('image');
  const label = read('label');
  return {
    name: `case${id}`,
    channels: [Float32Array.from(image.data)],
    dims: image.dims,
    spacing: image.spacing,
    label: Uint8Array.from(label.data),
    role,
  };
}

describe.skipIf(!present)('training on PROMISE12 (needs ../shared/data/promise12)', () => {
  beforeAll(async () => {
    await testBackend();
  });

  it('lowers the loss at 32x32 with a flat tensor count and predicts on the scan grid', async () => {
    const engine = testEngine();
    await engine.putCases([loadCase(0, 'train'), loadCase(1, 'train'), loadCase(2, 'val')]);
    const epochs: EpochMetrics[] = [];
    const tensors: number[] = [];
    const config = tinyConfig({ epochs: 4, stepsPerEpoch: 8, batchSize: 4 });
    config.optimizer = { ...config.optimizer, learningRate: 3e-3 };
    engine.subscribe((e) => {
      if (e.type !== 'epoch') return;
      epochs.push(e);
      tensors.push(tf.memory().numTensors);
    });
    const done = await engine.train({ run: 'p12', config });
    expect(done.reason).toBe('finished');
    expect(epochs).toHaveLength(4);
    expect(epochs[3].trainLoss).toBeLessThan(epochs[0].trainLoss * 0.9);
    expect(new Set(tensors).size).toBe(1);
    const p = await engine.predict({ model: 'p12', case: 'case02' });
    expect(p.dims).toEqual([128, 128, 32]);
    expect(p.labels.length).toBe(128 * 128 * 32);
    await engine.dispose();
  });
});
