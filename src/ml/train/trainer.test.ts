import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedCase } from '../data/dataset';
import { sliceGeometry } from '../geometry';
import { buildModel } from '../models';
import { defaultTrainConfig, type TrainConfig } from './config';
import { RunControl } from './control';
import { preparedDiscCase, tinyConfig } from './fixtures';
import { startTrainingTestBackend } from './test-backend';
import { runTraining, type TrainingData } from './trainer';
import type { EpochMetrics } from '../types';

/** Slice training and validation sets of prepared cases, for `config`'s network. */
function slices(config: TrainConfig, train: PreparedCase[], val: PreparedCase[]): TrainingData {
  const o = { model: config.model, augmentation: config.augmentation };
  return { train: sliceGeometry.trainingSet(train, o), val: sliceGeometry.validationSet(val, o) };
}

function data(config: TrainConfig): TrainingData {
  return slices(
    config,
    [preparedDiscCase('a', 1), preparedDiscCase('b', 2), preparedDiscCase('c', 3)],
    [preparedDiscCase('v', 4)],
  );
}

let backend = '';
beforeAll(async () => {
  backend = await startTrainingTestBackend();
});

describe('runTraining', () => {
  it('lowers the loss, keeps the tensor count flat across epochs, and reports progress', async () => {
    const config = tinyConfig({ epochs: 4, stepsPerEpoch: 8 });
    config.optimizer = { ...config.optimizer, schedule: { kind: 'cosine', minLr: 1e-3 } };
    // tfjs draws initial weights from Math.random when no seed is given: pin it so the
    // run (and its final Dice) is the same every time.
    const random = Math.random;
    let state = 12345;
    Math.random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    let model: tf.LayersModel;
    try {
      model = await buildModel(config.model);
    } finally {
      Math.random = random;
    }
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const epochs: EpochMetrics[] = [];
    let progress = 0;
    const result = await runTraining(model, data(config), config, new RunControl(), {
      onProgress: (p) => {
        progress++;
        expect(p.totalSteps).toBe(32);
        expect(p.backend).toBe(backend);
        expect(Number.isFinite(p.stepLoss)).toBe(true);
      },
      onEpoch: (m) => {
        epochs.push(m);
        counts.push(tf.memory().numTensors);
      },
    });
    expect(result.reason).toBe('finished');
    expect(result.epochsRun).toBe(4);
    expect(progress).toBe(32);
    expect(epochs.at(-1)!.trainLoss).toBeLessThan(epochs[0].trainLoss);
    expect(epochs.at(-1)!.lr).toBeLessThan(epochs[0].lr);
    expect(epochs.at(-1)!.valDice).toBeGreaterThan(0.5);
    // Only the best-weights copy (one tensor per weight) may outlive a run.
    expect(new Set(counts).size).toBe(1);
    expect(result.bestEpoch).not.toBeNull();
    expect(result.metrics?.epoch).toBe(result.bestEpoch);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stops early on a plateau with patience 1 and keeps the best epoch', async () => {
    // Learning rate 0 and no batch norm: the validation loss cannot change.
    const config = tinyConfig({ epochs: 5, stepsPerEpoch: 2, earlyStoppingPatience: 1 });
    config.model = {
      ...config.model,
      architecture: {
        ...config.model.architecture,
        normalization: 'none',
      } as typeof config.model.architecture,
    };
    config.optimizer = { ...config.optimizer, learningRate: 0 };
    const model = await buildModel(config.model);
    const result = await runTraining(model, data(config), config, new RunControl());
    expect(result.reason).toBe('early-stopped');
    expect(result.epochsRun).toBe(2);
    expect(result.bestEpoch).toBe(1);
    model.dispose();
  });

  it('honours pause, resume and stop between steps', async () => {
    const config = tinyConfig({ epochs: 50, stepsPerEpoch: 4 });
    const model = await buildModel(config.model);
    const control = new RunControl();
    const steps: number[] = [];
    const waiters = new Map<number, () => void>();
    const reached = (step: number) => new Promise<void>((r) => waiters.set(step, r));
    const paused = reached(3);
    const resumed = reached(4);
    const run = runTraining(model, data(config), config, control, {
      onProgress: (p) => {
        steps.push(p.step);
        if (p.step === 3) control.pause();
        waiters.get(p.step)?.();
      },
    });
    await paused;
    await new Promise((r) => setTimeout(r, 400));
    expect(steps).toEqual([1, 2, 3]);
    expect(control.state).toBe('paused');
    control.resume();
    await resumed;
    control.stop();
    const result = await run;
    expect(result.reason).toBe('stopped');
    expect(steps.length).toBeLessThanOrEqual(5);
    model.dispose();
  });

  it('trains a deeply-supervised model and only the unfrozen layers', async () => {
    const config = tinyConfig({ epochs: 1, stepsPerEpoch: 2 });
    config.model = {
      ...config.model,
      architecture: {
        ...config.model.architecture,
        deepSupervision: true,
      } as typeof config.model.architecture,
    };
    const model = await buildModel(config.model);
    expect(model.outputs.length).toBeGreaterThan(1);
    const frozen = model.layers.find((l) => l.name.startsWith('enc_') && l.weights.length > 0)!;
    frozen.trainable = false;
    const frozenBefore = await frozen.getWeights()[0].data();
    const free = model.getLayer('dec_out_logits');
    const freeBefore = await free.getWeights()[0].data();
    const result = await runTraining(model, data(config), config, new RunControl());
    expect(result.reason).toBe('finished');
    expect(Array.from(await frozen.getWeights()[0].data())).toEqual(Array.from(frozenBefore));
    expect(Array.from(await free.getWeights()[0].data())).not.toEqual(Array.from(freeBefore));
    model.dispose();
  });

  it('trains ENet (custom unpooling layers) through the same loop', async () => {
    const spec = defaultTrainConfig({ architecture: 'enet', inputSize: 64 }).model;
    const config = tinyConfig({ model: spec, epochs: 1, stepsPerEpoch: 2, batchSize: 2 });
    const model = await buildModel(spec);
    const last = model.layers.at(-1)!;
    const weights =
      last.weights.length > 0 ? last : model.layers.filter((l) => l.weights.length > 0).at(-1)!;
    const before = Array.from(await weights.getWeights()[0].data());
    const sets = slices(
      config,
      [preparedDiscCase('a', 1, 64, 4)],
      [preparedDiscCase('v', 2, 64, 3)],
    );
    const result = await runTraining(model, sets, config, new RunControl());
    expect(result.reason).toBe('finished');
    expect(Number.isFinite(result.metrics!.trainLoss)).toBe(true);
    expect(Array.from(await weights.getWeights()[0].data())).not.toEqual(before);
    model.dispose();
  });
});
