/**
 * Whole-volume inference in two halves. First every axial slice (with its neighbours for
 * 2.5-D models) goes through the same preparation as in training, slices are predicted in
 * batches, optionally also mirrored (test-time augmentation: the flipped predictions are
 * flipped back and averaged), and the class probabilities are brought back to the
 * volume's own in-plane grid. Then, once any averaging over models is done, the
 * probabilities are thresholded (one output) or arg-maxed (several), so the label volume
 * lies voxel for voxel on the input grid.
 */
import * as tf from '@tensorflow/tfjs';
import { resizeBilinear } from '../../io';
import { prepareImages } from '../data/prepare';
import { uncropSlice, type SliceFit } from '../data/slice-fit';
import { stackSlice } from '../data/slice-stack';
import { decodeClasses, type TargetSpec } from '../data/target';
import { EngineError } from '../../shared/engine-error';
import { yieldToEventLoop } from '../train/control';
import type { Dims3 } from '../types';
import { keepLargestComponent } from './largest-component';
import { mirrorAxes, type Mirrors } from '../geometry/mirrors';

/** How a model sees a volume. */
export interface InputOptions {
  /** The model's square input edge. */
  inputSize: number;
  /** How slices were fitted to the input in training; default 'resize'. */
  fit?: SliceFit;
  /** Neighbouring slices stacked as channels (2.5-D); default 1. */
  contextSlices?: number;
  /** Slices per forward pass; default 8. */
  batchSize?: number;
  /** Average the predictions of the slice and these mirror images of it. */
  tta?: Mirrors;
  /** After each batch of slices: how many of how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches; true ends the prediction with a 'cancelled' error. */
  cancelled?: () => boolean;
}

/** Class probabilities on the volume grid: class c of voxel v at c * voxels + v. */
export interface ProbabilityVolume {
  dims: Dims3;
  classes: number;
  values: Float32Array<ArrayBuffer>;
  /** Forward passes per slice (one per mirror image with mirroring). */
  passes: number;
}

/**
 * The model's first output (the final one of a deeply-supervised model) for `x`, averaged
 * over the mirror images `flips` (axis sets of [n, h, w, c]; the first, [], is `x` itself).
 */
function forward(model: tf.LayersModel, x: tf.Tensor4D, flips: readonly number[][]): tf.Tensor4D {
  return tf.tidy(() => {
    const run = (input: tf.Tensor4D): tf.Tensor4D => {
      const y = model.apply(input, { training: false }) as tf.Tensor | tf.Tensor[];
      return (Array.isArray(y) ? y[0] : y) as tf.Tensor4D;
    };
    if (flips.length === 1) return run(x);
    const maps = flips.map((axes) =>
      axes.length === 0 ? run(x) : tf.reverse(run(tf.reverse(x, axes)), axes),
    );
    return tf.div<tf.Tensor4D>(tf.addN(maps), maps.length);
  });
}

/** Writes slice `z`'s class maps ([size, size, k] at `offset` in `probs`) onto the grid. */
function writeSlice(
  probs: Float32Array,
  offset: number,
  size: number,
  fit: SliceFit,
  z: number,
  out: ProbabilityVolume,
): void {
  const [nx, ny, nz] = out.dims;
  const k = out.classes;
  const plane = nx * ny;
  const voxels = plane * nz;
  const pixels = size * size;
  const channel = new Float32Array(pixels);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < pixels; i++) channel[i] = probs[offset + i * k + c];
    // Outside a crop is background: probability 1 for the softmax background, 0 otherwise.
    const map =
      fit === 'crop'
        ? uncropSlice(channel, size, nx, ny, k > 1 && c === 0 ? 1 : 0)
        : resizeBilinear(channel, size, size, nx, ny);
    out.values.set(map, c * voxels + z * plane);
  }
}

/**
 * The class probabilities of a volume given as `channels` (each nx * ny * nz, x fastest)
 * on grid `dims`, as `model` predicts them.
 */
export async function predictProbabilities(
  model: tf.LayersModel,
  channels: readonly Float32Array[],
  dims: Dims3,
  options: InputOptions,
): Promise<ProbabilityVolume> {
  const [nx, ny, nz] = dims;
  const size = options.inputSize;
  const nc = channels.length;
  const context = options.contextSlices ?? 1;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
  const fit = options.fit ?? 'resize';
  // Slices are [n, h, w, c]: width is axis 2, height axis 1.
  const flips = options.tta ? mirrorAxes(options.tta, 2, 1) : [[]];
  const images = prepareImages(channels, dims, size, fit);
  const pixels = size * size;
  const width = nc * context;
  const classes = (model.outputs[0].shape.at(-1) as number | null) ?? 1;
  const out: ProbabilityVolume = {
    dims: [nx, ny, nz],
    classes,
    values: new Float32Array(classes * nx * ny * nz),
    passes: flips.length,
  };
  for (let start = 0; start < nz; start += batchSize) {
    if (options.cancelled?.()) throw new EngineError('cancelled', 'the prediction was cancelled');
    const n = Math.min(batchSize, nz - start);
    const batch = new Float32Array(n * pixels * width);
    for (let b = 0; b < n; b++) {
      batch.set(stackSlice(images, nz, pixels, nc, context, start + b), b * pixels * width);
    }
    const x = tf.tensor4d(batch, [n, size, size, width]);
    const result = forward(model, x, flips);
    x.dispose();
    const probs = (await result.data()) as Float32Array;
    result.dispose();
    for (let b = 0; b < n; b++) writeSlice(probs, b * pixels * classes, size, fit, start + b, out);
    options.onProgress?.(start + n, nz);
    // A long volume must not hold up pause / stop messages of a concurrent run.
    await yieldToEventLoop();
  }
  return out;
}

/** Adds `b` into `a` (same grid and classes): the sum an ensemble averages. */
export function addProbabilities(a: ProbabilityVolume, b: ProbabilityVolume): void {
  if (a.classes !== b.classes || a.dims.join() !== b.dims.join()) {
    throw new Error(
      `the models disagree on their output: ${a.classes} vs ${b.classes} classes on ${a.dims.join('x')}`,
    );
  }
  for (let i = 0; i < a.values.length; i++) a.values[i] += b.values[i];
}

/** Settings of {@link decideLabels}. */
export interface DecideOptions {
  /** Maps classes back to label values. */
  target: TargetSpec;
  /** Foreground probability threshold for one- or two-output models; default 0.5. */
  threshold?: number;
  /** Binary targets only: keep the largest connected foreground region; default false. */
  largestComponent?: boolean;
}

/** Labels and foreground probability of a probability volume (already averaged). */
export function decideLabels(
  p: ProbabilityVolume,
  options: DecideOptions,
): { labels: Uint8Array<ArrayBuffer>; probabilities: Float32Array<ArrayBuffer> } {
  const [nx, ny, nz] = p.dims;
  const voxels = nx * ny * nz;
  const k = p.classes;
  const threshold = options.threshold ?? 0.5;
  const classes = new Uint8Array(voxels);
  const probabilities = new Float32Array(voxels);
  for (let v = 0; v < voxels; v++) {
    if (k === 1) {
      probabilities[v] = p.values[v];
      classes[v] = p.values[v] >= threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++)
      if (p.values[c * voxels + v] > p.values[best * voxels + v]) best = c;
    probabilities[v] = 1 - p.values[v];
    classes[v] = k === 2 ? (p.values[voxels + v] >= threshold ? 1 : 0) : best;
  }
  if (options.largestComponent && options.target.mode === 'binary') {
    keepLargestComponent(classes, [nx, ny, nz]);
  }
  return { labels: decodeClasses(classes, options.target), probabilities };
}

/**
 * Voxel-wise entropy (bits) of the class distribution: 0 where the model is sure, 1 for a
 * binary 50/50. Averaged over mirror images or models, it also measures their disagreement.
 */
export function entropyMap(p: ProbabilityVolume): Float32Array<ArrayBuffer> {
  const voxels = p.values.length / p.classes;
  const out = new Float32Array(voxels);
  const h = (q: number) => (q > 1e-12 ? -q * Math.log2(q) : 0);
  for (let v = 0; v < voxels; v++) {
    if (p.classes === 1) {
      const q = p.values[v];
      out[v] = h(q) + h(1 - q);
      continue;
    }
    let sum = 0;
    for (let c = 0; c < p.classes; c++) sum += h(p.values[c * voxels + v]);
    out[v] = sum;
  }
  return out;
}

/** Settings of {@link predictVolume}. */
export type PredictOptions = InputOptions & DecideOptions;

/** A segmentation on the input volume's grid. */
export interface VolumePrediction {
  dims: Dims3;
  /** Label values (decoded with the target). */
  labels: Uint8Array<ArrayBuffer>;
  /** Foreground probability: the sigmoid output, or 1 - P(background) for softmax models. */
  probabilities: Float32Array<ArrayBuffer>;
  msPerSlice: number;
  totalMs: number;
}

/** Segments a volume with one model: probabilities, then labels. */
export async function predictVolume(
  model: tf.LayersModel,
  channels: readonly Float32Array[],
  dims: Dims3,
  options: PredictOptions,
): Promise<VolumePrediction> {
  const t0 = performance.now();
  const p = await predictProbabilities(model, channels, dims, options);
  const decided = decideLabels(p, options);
  const totalMs = performance.now() - t0;
  return { dims: p.dims, ...decided, msPerSlice: totalMs / Math.max(1, dims[2]), totalMs };
}
