/**
 * Cutting a training patch out of a prepared volume, with seeded 3-D augmentation: random
 * left-right and front-back flips, a small rotation about the slice axis (the scanner's z:
 * slices are thick, so tilting them would interpolate across 2-3 mm), isotropic scaling,
 * and an intensity scale and shift. Images are sampled trilinearly, labels by nearest
 * neighbour, both through the same map, so they stay aligned; with no rotation or scaling
 * the patch is copied voxel for voxel. Outside the volume: the volume's darkest value and
 * background.
 */
import type { AugmentConfig } from '../data/augment';
import { aroundOne, symmetric, type Rng } from '../data/rng';
import type { PreparedVolume } from './volume';
import type { Vec3 } from './windows';

/** The concrete transform of one patch. */
export interface PatchParams {
  flipX: boolean;
  flipY: boolean;
  /** Radians, about the slice axis. */
  angle: number;
  /** Scale factor: > 1 magnifies. */
  zoom: number;
  scale: number;
  shift: number;
}

export const IDENTITY_PATCH: PatchParams = {
  flipX: false,
  flipY: false,
  angle: 0,
  zoom: 1,
  scale: 1,
  shift: 0,
};

/**
 * Draws one patch transform from the studio's augmentation settings (translation is left
 * out: where a patch is cut is random already).
 */
export function samplePatchParams(config: AugmentConfig, rng: Rng): PatchParams {
  const flipX = config.flipX && rng() < 0.5;
  const flipY = config.flipY && rng() < 0.5;
  const r = (config.rotationDeg * Math.PI) / 180;
  return {
    flipX,
    flipY,
    angle: symmetric(rng, r),
    zoom: aroundOne(rng, config.zoom),
    scale: aroundOne(rng, config.intensityScale),
    shift: symmetric(rng, config.intensityShift),
  };
}

/** A patch: image [D, S, S, channels] and class map [D, S, S] (null without a label). */
export interface Patch {
  image: Float32Array;
  classes: Uint8Array | null;
}

/**
 * The patch of size `patch` [D, S, S] whose first voxel is `origin` [z, y, x] before
 * augmentation; the transform turns it about its centre.
 */
export function extractPatch(
  vol: PreparedVolume,
  origin: Vec3,
  patch: Vec3,
  p: PatchParams = IDENTITY_PATCH,
): Patch {
  const [d, h, w] = patch;
  const nc = vol.channels;
  const image = new Float32Array(d * h * w * nc);
  const classes = vol.classes ? new Uint8Array(d * h * w) : null;
  if (p.angle === 0 && p.zoom === 1) copyPatch(vol, origin, patch, p, image, classes);
  else warpPatch(vol, origin, patch, p, image, classes);
  if (p.scale !== 1 || p.shift !== 0) {
    for (let i = 0; i < image.length; i++) image[i] = image[i] * p.scale + p.shift;
  }
  return { image, classes };
}

function copyPatch(
  vol: PreparedVolume,
  origin: Vec3,
  [d, h, w]: Vec3,
  p: PatchParams,
  image: Float32Array,
  classes: Uint8Array | null,
): void {
  const [nx, ny, nz] = vol.dims;
  const nc = vol.channels;
  let o = 0;
  for (let z = 0; z < d; z++) {
    const sz = origin[0] + z;
    for (let y = 0; y < h; y++) {
      const sy = origin[1] + (p.flipY ? h - 1 - y : y);
      for (let x = 0; x < w; x++, o++) {
        const sx = origin[2] + (p.flipX ? w - 1 - x : x);
        const inside = sz >= 0 && sz < nz && sy >= 0 && sy < ny && sx >= 0 && sx < nx;
        const v = (sz * ny + sy) * nx + sx;
        for (let c = 0; c < nc; c++) image[o * nc + c] = inside ? vol.images[v * nc + c] : vol.pad;
        if (classes && vol.classes) classes[o] = inside ? vol.classes[v] : 0;
      }
    }
  }
}

function warpPatch(
  vol: PreparedVolume,
  origin: Vec3,
  [d, h, w]: Vec3,
  p: PatchParams,
  image: Float32Array,
  classes: Uint8Array | null,
): void {
  const [nx, ny, nz] = vol.dims;
  const nc = vol.channels;
  const [cz, cy, cx] = [(d - 1) / 2, (h - 1) / 2, (w - 1) / 2];
  const cos = Math.cos(p.angle) / p.zoom;
  const sin = Math.sin(p.angle) / p.zoom;
  const fx = p.flipX ? -1 : 1;
  const fy = p.flipY ? -1 : 1;
  const at = (z: number, y: number, x: number) => (z * ny + y) * nx + x;
  let o = 0;
  for (let z = 0; z < d; z++) {
    const sz = origin[0] + cz + (z - cz) / p.zoom;
    for (let y = 0; y < h; y++) {
      const dy = y - cy;
      for (let x = 0; x < w; x++, o++) {
        const dx = x - cx;
        const sx = origin[2] + cx + fx * (cos * dx + sin * dy);
        const sy = origin[1] + cy + fy * (-sin * dx + cos * dy);
        const inside =
          sz >= 0 && sz <= nz - 1 && sy >= 0 && sy <= ny - 1 && sx >= 0 && sx <= nx - 1;
        if (!inside) {
          image.fill(vol.pad, o * nc, o * nc + nc);
          if (classes) classes[o] = 0;
          continue;
        }
        if (classes && vol.classes) {
          classes[o] = vol.classes[at(Math.round(sz), Math.round(sy), Math.round(sx))];
        }
        const [z0, y0, x0] = [Math.floor(sz), Math.floor(sy), Math.floor(sx)];
        const [z1, y1, x1] = [
          Math.min(nz - 1, z0 + 1),
          Math.min(ny - 1, y0 + 1),
          Math.min(nx - 1, x0 + 1),
        ];
        const [wz, wy, wx] = [sz - z0, sy - y0, sx - x0];
        const corners = [at(z0, y0, x0), at(z0, y0, x1), at(z0, y1, x0), at(z0, y1, x1)];
        const upper = [at(z1, y0, x0), at(z1, y0, x1), at(z1, y1, x0), at(z1, y1, x1)];
        for (let c = 0; c < nc; c++) {
          const plane = (v: number[]) => {
            const top = vol.images[v[0] * nc + c] * (1 - wx) + vol.images[v[1] * nc + c] * wx;
            const bottom = vol.images[v[2] * nc + c] * (1 - wx) + vol.images[v[3] * nc + c] * wx;
            return top * (1 - wy) + bottom * wy;
          };
          image[o * nc + c] = plane(corners) * (1 - wz) + plane(upper) * wz;
        }
      }
    }
  }
}
