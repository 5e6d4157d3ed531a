/**
 * The measurement half of choosing a backend: on each candidate, two Adam steps of a tiny
 * seeded U-Net whose losses must match the cpu backend's (so a backend with a broken
 * kernel cannot win by being fast), then a few timed steps of the studio's default U-Net
 * at a reduced size. Weights and data come from a seeded generator, so every backend
 * starts from the same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendTrial } from '../types';
import { median } from '../../eval/summary';
import { createRng, uniform } from '../data/rng';
import { makeLoss } from '../losses';
import { buildModel, presetSpec, type ModelSpec } from '../models';
import { tinyUNetSpec } from '../models/testing-specs';
import { createOptimizer } from '../train/optimizer';
import { makeTrainStep } from '../train/step';
import { maxRelativeError, outpaced, PROBE_TIMING, PROBE_TOLERANCE } from './choice';

/** Dropout-free, so that two backends given the same weights must give the same losses. */
const CHECK_SPEC: ModelSpec = tinyUNetSpec(32);

/** The network users train by default, at a size that times quickly even on a slow backend. */
const TIMING_SPEC: ModelSpec = {
  ...presetSpec('unet'),
  inputSize: PROBE_TIMING.inputSize,
  inChannels: 1,
  numClasses: 1,
};
const TIMING_BATCH = PROBE_TIMING.batchSize;
const TIMED_STEPS = 2;
/** Check steps: the first compiles, the others are timed; all are compared with cpu. */
export const CHECK_STEPS = 3;

const LOSS = makeLoss({
  name: 'combo',
  terms: [
    { spec: { name: 'dice' }, weight: 1 },
    { spec: { name: 'bce' }, weight: 1 },
  ],
});

/** Replaces every weight with seeded values: kernels uniform in +-1/sqrt(fan-in), BN at identity. */
function seedWeights(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  for (const w of model.weights) {
    const name = w.originalName;
    const shape = w.shape.map((d) => d ?? 1);
    const n = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    if (/gamma|moving_variance/.test(name)) values.fill(1);
    else if (!/beta|moving_mean|bias/.test(name)) {
      const fanIn = n / (shape.at(-1) ?? 1);
      const a = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < n; i++) values[i] = uniform(rng, -a, a);
    }
    const t = tf.tensor(values, shape);
    w.write(t);
    t.dispose();
  }
}

/** A seeded batch: a bright disc (the foreground) on noise, different in every slice. */
function probeBatch(batch: number, size: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor4D } {
  const rng = createRng(seed);
  const x = new Float32Array(batch * size * size);
  const y = new Float32Array(batch * size * size);
  for (let b = 0; b < batch; b++) {
    const cx = uniform(rng, 0.3, 0.7) * size;
    const cy = uniform(rng, 0.3, 0.7) * size;
    const r = uniform(rng, 0.15, 0.3) * size;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const k = (b * size + i) * size + j;
        const inside = (i - cy) ** 2 + (j - cx) ** 2 < r * r ? 1 : 0;
        y[k] = inside;
        x[k] = inside + uniform(rng, -0.5, 0.5);
      }
    }
  }
  const shape: [number, number, number, number] = [batch, size, size, 1];
  return { x: tf.tensor4d(x, shape), y: tf.tensor4d(y, shape) };
}

/** Runs `steps` Adam steps of `spec` on the current backend; returns each step's loss and ms. */
async function trainSteps(
  spec: ModelSpec,
  batchSize: number,
  steps: number,
): Promise<{ losses: number[]; ms: number[] }> {
  const model = await buildModel(spec);
  const optimizer = createOptimizer({
    kind: 'adam',
    learningRate: 1e-2,
    momentum: 0,
    weightDecay: 0,
    schedule: { kind: 'constant' },
  });
  const batch = probeBatch(batchSize, spec.inputSize, 7);
  const losses: number[] = [];
  const ms: number[] = [];
  try {
    seedWeights(model, 11);
    const step = makeTrainStep(model, optimizer, { loss: LOSS, weightDecay: 0 });
    for (let s = 0; s < steps; s++) {
      const t0 = performance.now();
      const result = step(batch);
      const value = (await result.loss.data())[0];
      ms.push(performance.now() - t0);
      result.loss.dispose();
      result.counts.dispose();
      losses.push(value);
    }
  } finally {
    model.dispose();
    optimizer.dispose();
    batch.x.dispose();
    batch.y.dispose();
  }
  return { losses, ms };
}

/** The losses every backend has to reproduce, computed on the cpu backend. */
export async function referenceLosses(): Promise<number[]> {
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    return (await trainSteps(CHECK_SPEC, 2, CHECK_STEPS)).losses;
  } finally {
    if (previous && previous !== 'cpu') await tf.setBackend(previous);
  }
}

/**
 * Checks and times the backend tfjs currently runs on against `reference`. The first
 * step of each network is a warm-up (kernel compilation, memory growth) and is not
 * counted. `fastest` is the best trial so far: a backend far slower than it on the small
 * check network is not timed on the larger one, which on an emulated GPU would cost
 * tens of seconds.
 */
export async function measureCurrentBackend(
  reference: readonly number[],
  adapter: string | null,
  fastest: BackendTrial | null = null,
): Promise<BackendTrial> {
  const backend = tf.getBackend() as BackendName;
  const trial: BackendTrial = {
    backend,
    adapter,
    msPerStep: null,
    checkMsPerStep: null,
    maxRelError: null,
    ok: false,
    note: '',
  };
  try {
    const check = await trainSteps(CHECK_SPEC, 2, reference.length);
    trial.maxRelError = maxRelativeError(reference, check.losses);
    if (!(trial.maxRelError <= PROBE_TOLERANCE)) {
      const got = check.losses.map((l) => l.toPrecision(6)).join(', ');
      const want = reference.map((l) => l.toPrecision(6)).join(', ');
      trial.note = `wrong training losses (${got} instead of ${want})`;
      return trial;
    }
    trial.ok = true;
    trial.checkMsPerStep = median(check.ms.slice(1));
    const lost = outpaced(trial.checkMsPerStep, fastest);
    if (lost) {
      trial.note = lost;
      return trial;
    }
    const timing = await trainSteps(TIMING_SPEC, TIMING_BATCH, 1 + TIMED_STEPS);
    if (!timing.losses.every(Number.isFinite)) {
      trial.ok = false;
      trial.note = 'non-finite loss on the timing network';
      return trial;
    }
    trial.msPerStep = median(timing.ms.slice(1));
  } catch (e) {
    trial.ok = false;
    trial.note = e instanceof Error ? e.message : String(e);
  }
  return trial;
}
