/**
 * Turns samples into the tensors a training step consumes: images [B, H, W, C] and
 * targets [B, H, W, K] (K = 1: foreground map; K >= 2: one-hot classes).
 */
import * as tf from '@tensorflow/tfjs';
import type { Sample } from './augment';

/** A batch of inputs and targets; the caller disposes both. */
export interface Batch {
  x: tf.Tensor4D;
  y: tf.Tensor4D;
}

/**
 * One-hot (or foreground, for one channel) float targets of `classes` into `out` at
 * `offset`: slices and 3-D patches alike.
 */
export function encodeTarget(
  classes: Uint8Array,
  channels: number,
  out: Float32Array,
  offset: number,
): void {
  if (channels === 1) {
    for (let i = 0; i < classes.length; i++) out[offset + i] = classes[i] > 0 ? 1 : 0;
    return;
  }
  for (let i = 0; i < classes.length; i++) {
    const k = classes[i];
    out[offset + i * channels + (k < channels ? k : 0)] = 1;
  }
}

/** Stacks `samples` (all of one size and channel count) into a {@link Batch}. */
export function makeBatch(samples: readonly Sample[], outputChannels: number): Batch {
  if (samples.length === 0) throw new Error('makeBatch needs at least one sample');
  const { size, channels } = samples[0];
  const pixels = size * size;
  const x = new Float32Array(samples.length * pixels * channels);
  const y = new Float32Array(samples.length * pixels * outputChannels);
  samples.forEach((s, b) => {
    if (s.size !== size || s.channels !== channels)
      throw new Error('makeBatch: mixed sample shapes');
    x.set(s.image, b * pixels * channels);
    encodeTarget(s.classes, outputChannels, y, b * pixels * outputChannels);
  });
  return tf.tidy(() => ({
    x: tf.tensor4d(x, [samples.length, size, size, channels]),
    y: tf.tensor4d(y, [samples.length, size, size, outputChannels]),
  }));
}
