/**
 * Whole-volume prediction of a 3-D network: patches cut window by window over the
 * prepared grid (stride half the patch by default, seed 002), predicted in batches,
 * optionally mirrored too (test-time augmentation: flipped back and averaged), and blended
 * into one probability per class and voxel (windows.ts). Validation and prediction both
 * run it, so held-out cases are scored exactly as predictions are made.
 */
import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../../shared/engine-error';
import { yieldToEventLoop } from '../train/control';
import { extractPatch } from './augment3d';
import type { PredictControl } from './types';
import type { PreparedVolume } from './volume';
import { mirrorAxes, type Mirrors } from './mirrors';
import { WindowBlender, halfStride, windowOrigins, windowWeights, type Vec3 } from './windows';

/** Settings of {@link slidingWindow}. */
export interface WindowOptions extends PredictControl {
  /** Windows per forward pass; default 2. */
  batchSize?: number;
  stride?: Vec3;
  gaussian?: boolean;
  tta?: Mirrors;
}

/**
 * The model's first output for `x`, averaged over the mirror images `flips` (axis sets of
 * [n, d, h, w, c]; the first, [], is `x` itself).
 */
function forward(model: tf.LayersModel, x: tf.Tensor, flips: readonly number[][]): tf.Tensor {
  return tf.tidy(() => {
    const run = (input: tf.Tensor): tf.Tensor => {
      const y = model.apply(input, { training: false }) as tf.Tensor | tf.Tensor[];
      return Array.isArray(y) ? y[0] : y;
    };
    if (flips.length === 1) return run(x);
    const maps = flips.map((axes) =>
      axes.length === 0 ? run(x) : tf.reverse(run(tf.reverse(x, axes)), axes),
    );
    return tf.div(tf.addN(maps), maps.length);
  });
}

/**
 * Class probabilities of `vol` on its prepared grid, class c of voxel v at c * voxels + v,
 * from a model whose input is a [D, S, S, channels] patch.
 */
export async function slidingWindow(
  model: tf.LayersModel,
  vol: PreparedVolume,
  patch: Vec3,
  o: WindowOptions = {},
): Promise<{ classes: number; values: Float32Array<ArrayBuffer>; passes: number }> {
  const classes = (model.outputs[0].shape.at(-1) as number | null) ?? 1;
  const origins = windowOrigins(vol.dims, patch, o.stride ?? halfStride(patch));
  const blender = new WindowBlender(
    vol.dims,
    classes,
    patch,
    windowWeights(patch, o.gaussian === true),
  );
  const batchSize = Math.max(1, Math.floor(o.batchSize ?? 2));
  const size = patch[0] * patch[1] * patch[2];
  // Patches are [n, d, h, w, c]: width is axis 3, height axis 2.
  const flips = o.tta ? mirrorAxes(o.tta, 3, 2) : [[]];
  for (let start = 0; start < origins.length; start += batchSize) {
    if (o.cancelled?.()) throw new EngineError('cancelled', 'the prediction was cancelled');
    const part = origins.slice(start, start + batchSize);
    const input = new Float32Array(part.length * size * vol.channels);
    part.forEach((origin, i) =>
      input.set(extractPatch(vol, origin, patch).image, i * size * vol.channels),
    );
    const x = tf.tensor5d(input, [part.length, ...patch, vol.channels]);
    const y = forward(model, x, flips);
    x.dispose();
    const probs = await y.data();
    y.dispose();
    part.forEach((origin, i) => blender.add(probs, i * size * classes, origin));
    o.onProgress?.(start + part.length, origins.length);
    // A long volume must not hold up pause / stop messages of a concurrent run.
    await yieldToEventLoop();
  }
  return { classes, values: blender.result(), passes: flips.length };
}
