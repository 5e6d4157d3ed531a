/**
 * Seeded data augmentation for 2-D training samples, on the CPU with typed arrays: one
 * random affine map (flip, rotation, translation, zoom) applied to the image (bilinear)
 * and to its class map (nearest neighbour) so they stay aligned, then a random intensity
 * scale and shift on the image. Cheap next to a training step, and identical on every
 * tfjs backend.
 */
import { aroundOne, symmetric, type Rng } from './rng';

/** Augmentation ranges; zero / false disables each one. */
export interface AugmentConfig {
  /** Random left-right flip (probability 0.5). */
  flipX: boolean;
  /** Random up-down flip (probability 0.5). */
  flipY: boolean;
  /** Rotation drawn uniformly in +-rotationDeg degrees. */
  rotationDeg: number;
  /** Translation drawn uniformly in +-translation x the slice edge, per axis. */
  translation: number;
  /** Zoom factor drawn uniformly in [1 - zoom, 1 + zoom]. */
  zoom: number;
  /** Intensity multiplied by a factor drawn uniformly in [1 - s, 1 + s]. */
  intensityScale: number;
  /** Intensity shifted by an offset drawn uniformly in +-shift (z-score units). */
  intensityShift: number;
}

/** No augmentation at all. */
export const NO_AUGMENTATION: AugmentConfig = {
  flipX: false,
  flipY: false,
  rotationDeg: 0,
  translation: 0,
  zoom: 0,
  intensityScale: 0,
  intensityShift: 0,
};

/** The concrete transform applied to one sample. */
export interface AugmentParams {
  flipX: boolean;
  flipY: boolean;
  /** Radians, counter-clockwise in array coordinates. */
  angle: number;
  /** Pixels. */
  tx: number;
  ty: number;
  zoom: number;
  scale: number;
  shift: number;
}

/** The identity transform. */
export const IDENTITY_PARAMS: AugmentParams = {
  flipX: false,
  flipY: false,
  angle: 0,
  tx: 0,
  ty: 0,
  zoom: 1,
  scale: 1,
  shift: 0,
};

/** Draws one transform from `config` for a slice of edge `size`. */
export function sampleAugmentParams(config: AugmentConfig, size: number, rng: Rng): AugmentParams {
  const flipX = config.flipX && rng() < 0.5;
  const flipY = config.flipY && rng() < 0.5;
  const r = (config.rotationDeg * Math.PI) / 180;
  const t = config.translation * size;
  return {
    flipX,
    flipY,
    angle: symmetric(rng, r),
    tx: symmetric(rng, t),
    ty: symmetric(rng, t),
    zoom: aroundOne(rng, config.zoom),
    scale: aroundOne(rng, config.intensityScale),
    shift: symmetric(rng, config.intensityShift),
  };
}

/** One square training sample: image [size, size, channels] (HWC) and class map [size, size]. */
export interface Sample {
  image: Float32Array;
  classes: Uint8Array;
  size: number;
  channels: number;
}

function isPureFlip(p: AugmentParams): boolean {
  return p.angle === 0 && p.tx === 0 && p.ty === 0 && p.zoom === 1;
}

/**
 * Applies `p` to `sample` and returns a new sample. The geometric map sends output pixel
 * (x, y) to source (sx, sy) = centre + F R^T (p - centre - t) / zoom, with edge clamping;
 * pure flips take an exact index path, so flipping twice gives back the input bit for bit.
 */
export function applyAugment(sample: Sample, p: AugmentParams): Sample {
  const { size, channels } = sample;
  const image = new Float32Array(sample.image.length);
  const classes = new Uint8Array(sample.classes.length);
  if (isPureFlip(p)) {
    flipInto(sample, p, image, classes);
  } else {
    warpInto(sample, p, image, classes);
  }
  if (p.scale !== 1 || p.shift !== 0) {
    for (let i = 0; i < image.length; i++) image[i] = image[i] * p.scale + p.shift;
  }
  return { image, classes, size, channels };
}

function flipInto(s: Sample, p: AugmentParams, image: Float32Array, classes: Uint8Array): void {
  const { size, channels } = s;
  for (let y = 0; y < size; y++) {
    const sy = p.flipY ? size - 1 - y : y;
    for (let x = 0; x < size; x++) {
      const sx = p.flipX ? size - 1 - x : x;
      const src = sy * size + sx;
      const dst = y * size + x;
      classes[dst] = s.classes[src];
      for (let c = 0; c < channels; c++) image[dst * channels + c] = s.image[src * channels + c];
    }
  }
}

function warpInto(s: Sample, p: AugmentParams, image: Float32Array, classes: Uint8Array): void {
  const { size, channels } = s;
  const centre = (size - 1) / 2;
  const cos = Math.cos(p.angle) / p.zoom;
  const sin = Math.sin(p.angle) / p.zoom;
  const fx = p.flipX ? -1 : 1;
  const fy = p.flipY ? -1 : 1;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    const dy = y - centre - p.ty;
    for (let x = 0; x < size; x++) {
      const dx = x - centre - p.tx;
      const sx = Math.min(last, Math.max(0, centre + fx * (cos * dx + sin * dy)));
      const sy = Math.min(last, Math.max(0, centre + fy * (-sin * dx + cos * dy)));
      const dst = y * size + x;
      classes[dst] = s.classes[Math.round(sy) * size + Math.round(sx)];
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(last, x0 + 1);
      const y1 = Math.min(last, y0 + 1);
      const wx = sx - x0;
      const wy = sy - y0;
      const i00 = (y0 * size + x0) * channels;
      const i01 = (y0 * size + x1) * channels;
      const i10 = (y1 * size + x0) * channels;
      const i11 = (y1 * size + x1) * channels;
      for (let c = 0; c < channels; c++) {
        const top = s.image[i00 + c] * (1 - wx) + s.image[i01 + c] * wx;
        const bottom = s.image[i10 + c] * (1 - wx) + s.image[i11 + c] * wx;
        image[dst * channels + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
}
