/**
 * Whole-volume inference: every axial slice goes through the same preparation as in
 * training, slices are predicted in batches, the class probabilities are brought back to
 * the volume's own in-plane grid (resized bilinearly, or put back in place of the crop),
 * and only then thresholded (one output) or arg-maxed (several), so the label volume lies
 * voxel for voxel on the input grid.
 */
import { keepLargestComponent } from './largest-component';
import * as tf from '@tensorflow/tfjs';
import { resizeBilinear } from '../../io';
import { prepareImages } from '../data/prepare';
import { uncropSlice, type SliceFit } from '../data/slice-fit';
import { decodeClasses, type TargetSpec } from '../data/target';
import { yieldToEventLoop } from '../train/control';

/** Settings of {@link predictVolume}. */
export interface PredictOptions {
  /** The model's square input edge. */
  inputSize: number;
  /** How slices were fitted to the input in training; default 'resize'. */
  fit?: SliceFit;
  /** Maps classes back to label values. */
  target: TargetSpec;
  /** Slices per forward pass; default 8. */
  batchSize?: number;
  /** Foreground probability threshold for one- or two-output models; default 0.5. */
  threshold?: number;
  /**
   * Binary targets only: keep the largest connected foreground region and drop the rest
   * (one organ is one region); default false.
   */
  largestComponent?: boolean;
}

/** A segmentation on the input volume's grid. */
export interface VolumePrediction {
  dims: [number, number, number];
  /** Label values (decoded with the target). */
  labels: Uint8Array<ArrayBuffer>;
  /** Foreground probability: the sigmoid output, or 1 - P(background) for softmax models. */
  probabilities: Float32Array<ArrayBuffer>;
  msPerSlice: number;
  totalMs: number;
}

/** Probabilities of one slice ([size, size, K] at `offset` in `probs`) written to the volume grid. */
function writeSlice(
  probs: Float32Array,
  offset: number,
  k: number,
  size: number,
  grid: { nx: number; ny: number; z: number; threshold: number; fit: SliceFit },
  out: { classes: Uint8Array; probabilities: Float32Array },
): void {
  const { nx, ny, z, threshold, fit } = grid;
  const plane = nx * ny;
  const pixels = size * size;
  const channel = new Float32Array(pixels);
  const maps = Array.from({ length: k }, (_, c) => {
    for (let i = 0; i < pixels; i++) channel[i] = probs[offset + i * k + c];
    // Outside a crop is background: probability 1 for the softmax background, 0 otherwise.
    if (fit === 'crop') return uncropSlice(channel, size, nx, ny, k > 1 && c === 0 ? 1 : 0);
    return resizeBilinear(channel, size, size, nx, ny);
  });
  const base = z * plane;
  for (let i = 0; i < plane; i++) {
    if (k === 1) {
      out.probabilities[base + i] = maps[0][i];
      out.classes[base + i] = maps[0][i] >= threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (maps[c][i] > maps[best][i]) best = c;
    const fg = 1 - maps[0][i];
    out.probabilities[base + i] = fg;
    out.classes[base + i] = k === 2 ? (maps[1][i] >= threshold ? 1 : 0) : best;
  }
}

/**
 * Segments a volume given as `channels` (each nx * ny * nz, x fastest) on grid `dims`
 * with `model` (first output used for deeply-supervised models).
 */
export async function predictVolume(
  model: tf.LayersModel,
  channels: readonly Float32Array[],
  dims: readonly [number, number, number],
  options: PredictOptions,
): Promise<VolumePrediction> {
  const t0 = performance.now();
  const [nx, ny, nz] = dims;
  const size = options.inputSize;
  const nc = channels.length;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
  const threshold = options.threshold ?? 0.5;
  const fit = options.fit ?? 'resize';
  const images = prepareImages(channels, dims, size, fit);
  const out = {
    classes: new Uint8Array(nx * ny * nz),
    probabilities: new Float32Array(nx * ny * nz),
  };
  const pixels = size * size;
  for (let start = 0; start < nz; start += batchSize) {
    const n = Math.min(batchSize, nz - start);
    const batch = images.subarray(start * pixels * nc, (start + n) * pixels * nc);
    const result = tf.tidy(() => {
      const x = tf.tensor4d(batch, [n, size, size, nc]);
      const y = model.apply(x, { training: false }) as tf.Tensor | tf.Tensor[];
      return Array.isArray(y) ? y[0] : y;
    });
    const k = result.shape[3] ?? 1;
    const probs = (await result.data()) as Float32Array;
    result.dispose();
    for (let b = 0; b < n; b++) {
      writeSlice(probs, b * pixels * k, k, size, { nx, ny, z: start + b, threshold, fit }, out);
    }
    // A long volume must not hold up pause / stop messages of a concurrent run.
    await yieldToEventLoop();
  }
  if (options.largestComponent && options.target.mode === 'binary') {
    keepLargestComponent(out.classes, [nx, ny, nz]);
  }
  const totalMs = performance.now() - t0;
  return {
    dims: [nx, ny, nz],
    labels: decodeClasses(out.classes, options.target),
    probabilities: out.probabilities,
    msPerSlice: totalMs / Math.max(1, nz),
    totalMs,
  };
}
