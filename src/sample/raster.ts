/**
 * The surface phantom organs are painted on: a voxel grid that knows the world position of
 * every voxel centre, plus tissue-intensity, label and texture volumes. Painters work one
 * axial slice at a time inside a bounding box, which keeps a whole case to a few passes.
 */
import type { Ellipse2 } from './anatomy';

export interface Canvas {
  nx: number;
  ny: number;
  nz: number;
  spacing: [number, number, number];
  /** World coordinates (mm) of voxel centres along each axis, origin at the grid centre. */
  xs: Float64Array;
  ys: Float64Array;
  zs: Float64Array;
  /** Noise-free T2 signal. */
  tissue: Float32Array;
  /** Label values, stored as the float volume the label map is returned as. */
  label: Float32Array;
  /** A smooth random field in about [-1, 1] that gives tissues their texture. */
  texture: Float32Array;
}

function centres(n: number, step: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (i - (n - 1) / 2) * step;
  return out;
}

/** An empty canvas (air everywhere) over a grid of `dims` voxels covering `fovMm`. */
export function createCanvas(
  dims: [number, number, number],
  fovMm: readonly [number, number, number],
  texture: Float32Array,
): Canvas {
  const [nx, ny, nz] = dims;
  const spacing: [number, number, number] = [fovMm[0] / nx, fovMm[1] / ny, fovMm[2] / nz];
  const n = nx * ny * nz;
  if (texture.length !== n) throw new RangeError('texture does not match the grid');
  return {
    nx,
    ny,
    nz,
    spacing,
    xs: centres(nx, spacing[0]),
    ys: centres(ny, spacing[1]),
    zs: centres(nz, spacing[2]),
    tissue: new Float32Array(n),
    label: new Float32Array(n),
    texture,
  };
}

/**
 * Voxel index bounds [i0, i1, j0, j1] (inclusive, clipped to the grid) of the voxels whose
 * centres lie in the box of half-widths (hx, hy) around (cx, cy). Painters with per-voxel
 * geometry loop over it themselves: a callback per voxel would box every coordinate.
 */
export function boxBounds(
  c: Canvas,
  cx: number,
  cy: number,
  hx: number,
  hy: number,
): [number, number, number, number] {
  const [sx, sy] = c.spacing;
  return [
    Math.max(0, Math.ceil((cx - hx - c.xs[0]) / sx)),
    Math.min(c.nx - 1, Math.floor((cx + hx - c.xs[0]) / sx)),
    Math.max(0, Math.ceil((cy - hy - c.ys[0]) / sy)),
    Math.min(c.ny - 1, Math.floor((cy + hy - c.ys[0]) / sy)),
  ];
}

/**
 * Calls `fn` for every voxel of slice `k` inside the ellipse, with q = the squared
 * normalized radius (0 at the centre, 1 on the outline).
 */
export function forEachInEllipse(
  c: Canvas,
  k: number,
  e: Ellipse2,
  fn: (idx: number, q: number, dx: number, dy: number) => void,
): void {
  if (e.rx <= 0 || e.ry <= 0) return;
  const [sx, sy] = c.spacing;
  const j0 = Math.max(0, Math.ceil((e.cy - e.ry - c.ys[0]) / sy));
  const j1 = Math.min(c.ny - 1, Math.floor((e.cy + e.ry - c.ys[0]) / sy));
  for (let j = j0; j <= j1; j++) {
    const dy = c.ys[j] - e.cy;
    const v2 = (dy / e.ry) * (dy / e.ry);
    // Only the chord of the ellipse on this row is visited.
    const half = e.rx * Math.sqrt(1 - v2);
    const i0 = Math.max(0, Math.ceil((e.cx - half - c.xs[0]) / sx));
    const i1 = Math.min(c.nx - 1, Math.floor((e.cx + half - c.xs[0]) / sx));
    const row = (k * c.ny + j) * c.nx;
    for (let i = i0; i <= i1; i++) {
      const dx = c.xs[i] - e.cx;
      const q = (dx / e.rx) * (dx / e.rx) + v2;
      if (q < 1) fn(row + i, q, dx, dy);
    }
  }
}

/** Sets one voxel to a tissue: base signal modulated by the texture field, and its label. */
export function paintVoxel(
  c: Canvas,
  idx: number,
  value: number,
  textureAmp: number,
  label: number,
): void {
  c.tissue[idx] = value + textureAmp * c.texture[idx];
  c.label[idx] = label;
}

/** A tissue to paint: base signal, texture amplitude and label value. */
export interface Fill {
  value: number;
  texture: number;
  label: number;
}

/**
 * Fills the ellipse in slice k with `core`, and a band `rim.width` mm wide along its
 * outline with `rim.fill` (a bladder wall, a bone cortex). With `clip`, voxels outside
 * that ellipse are left alone. Written as a plain loop: it paints most of each phantom.
 */
export function fillEllipse(
  c: Canvas,
  k: number,
  e: Ellipse2,
  core: Fill,
  rim?: { fill: Fill; width: number },
  clip?: Ellipse2,
): void {
  if (e.rx <= 0 || e.ry <= 0) return;
  const rimStart = rim ? Math.max(0, 1 - rim.width / Math.min(e.rx, e.ry)) ** 2 : 1;
  // Plain numbers rather than object reads in the loop below: it paints most voxels.
  const [coreValue, coreTexture, coreLabel] = [core.value, core.texture, core.label];
  const outer = rim ? rim.fill : core;
  const [rimValue, rimTexture, rimLabel] = [outer.value, outer.texture, outer.label];
  const { tissue, label, texture, xs, ys } = c;
  const [sx, sy] = c.spacing;
  const j0 = Math.max(0, Math.ceil((e.cy - e.ry - ys[0]) / sy));
  const j1 = Math.min(c.ny - 1, Math.floor((e.cy + e.ry - ys[0]) / sy));
  for (let j = j0; j <= j1; j++) {
    const dy = ys[j] - e.cy;
    const v2 = (dy / e.ry) * (dy / e.ry);
    const half = e.rx * Math.sqrt(1 - v2);
    const i0 = Math.max(0, Math.ceil((e.cx - half - xs[0]) / sx));
    const i1 = Math.min(c.nx - 1, Math.floor((e.cx + half - xs[0]) / sx));
    const row = (k * c.ny + j) * c.nx;
    const cv = clip ? (ys[j] - clip.cy) / clip.ry : 0;
    for (let i = i0; i <= i1; i++) {
      const dx = xs[i] - e.cx;
      const q = (dx / e.rx) * (dx / e.rx) + v2;
      if (q >= 1) continue;
      if (clip) {
        const cu = (xs[i] - clip.cx) / clip.rx;
        if (cu * cu + cv * cv >= 1) continue;
      }
      const o = row + i;
      if (q < rimStart) {
        tissue[o] = coreValue + coreTexture * texture[o];
        label[o] = coreLabel;
      } else {
        tissue[o] = rimValue + rimTexture * texture[o];
        label[o] = rimLabel;
      }
    }
  }
}

/** The right-side shape and its mirror image on the left. */
export function mirrored<T extends { cx: number }>(shape: T): [T, T] {
  return [shape, { ...shape, cx: -shape.cx }];
}

/** The cross-section of an ellipsoid at height z, or null when z misses it. */
export function sliceOfEllipsoid(
  e: Ellipse2 & { cz: number; rz: number },
  z: number,
): Ellipse2 | null {
  const t = (z - e.cz) / e.rz;
  if (t <= -1 || t >= 1) return null;
  const f = Math.sqrt(1 - t * t);
  return { cx: e.cx, cy: e.cy, rx: e.rx * f, ry: e.ry * f };
}
