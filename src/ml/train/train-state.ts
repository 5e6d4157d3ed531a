/**
 * Everything a training run needs to continue exactly where it stopped: the raw weights,
 * the optimizer's moments, the weight average, the best weights so far, early stopping's
 * bookkeeping, the curves and the step count (which fixes where the seeded sampler and
 * augmentation resume). Plain arrays, so a checkpoint can be stored and can cross threads.
 */
import * as tf from '@tensorflow/tfjs';
import type { EpochMetrics, F32 } from '../types';

/** A training run between two epochs. */
export interface TrainState {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps completed. */
  step: number;
  /** Every weight of the model, in `model.getWeights()` order, as trained (not averaged). */
  weights: F32[];
  /** The optimizer's own state (iteration count, moments), in its order. */
  optimizer: { name: string; shape: number[]; values: F32 }[];
  /** The moving average of the trainable weights, or null without averaging. */
  average: { updates: number; values: F32[] } | null;
  /** All weights of the best validated epoch so far, or null before one. */
  best: F32[] | null;
  stopper: { best: number; bestEpoch: number | null; wait: number };
  history: EpochMetrics[];
  clock: { activeMs: number; slices: number; steps: number };
}

/** Copies of the tensors' values. */
export async function readAll(tensors: readonly tf.Tensor[]): Promise<F32[]> {
  return Promise.all(tensors.map(async (t) => Float32Array.from(await t.data())));
}

/** Tensors of `values` in the shapes of `like`; the caller disposes them. */
export function tensorsLike(
  values: readonly F32[],
  like: readonly { shape: readonly (number | null)[] }[],
): tf.Tensor[] {
  if (values.length !== like.length) {
    throw new Error(`checkpoint holds ${values.length} arrays where ${like.length} are needed`);
  }
  return values.map((v, i) =>
    tf.tensor(
      v,
      like[i].shape.map((d) => d ?? 1),
      'float32',
    ),
  );
}

/** The optimizer's state as plain arrays. */
export async function readOptimizer(optimizer: tf.Optimizer): Promise<TrainState['optimizer']> {
  const named = await optimizer.getWeights();
  const out: TrainState['optimizer'] = [];
  for (const { name, tensor } of named) {
    out.push({ name, shape: tensor.shape, values: Float32Array.from(await tensor.data()) });
    // The moments are the optimizer's own variables; only the iteration count is a copy.
    if (!(tensor instanceof tf.Variable)) tensor.dispose();
  }
  return out;
}

/** Puts a saved optimizer state back (before the first step of a resumed run). */
export async function writeOptimizer(
  optimizer: tf.Optimizer,
  state: TrainState['optimizer'],
): Promise<void> {
  const named = state.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape) }));
  try {
    await optimizer.setWeights(named);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
}
