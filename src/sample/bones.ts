/**
 * Painters for the bony pelvis around the prostate: femoral heads in their acetabula,
 * pubic bones meeting at the symphysis in front of the gland, ischia and the sacrum.
 * Bone is a dark cortex around intermediate-signal fatty marrow on T2.
 */
import { innerBody, rectumCentreY, type Ellipse2, type PhantomAnatomy } from './anatomy';
import { LABEL } from './labels';
import { boxBounds, fillEllipse, mirrored, paintVoxel } from './raster';
import type { Canvas } from './raster';

const CORTEX_MM = 2;

function paintBone(c: Canvas, a: PhantomAnatomy, idx: number, depthMm: number): void {
  if (depthMm < CORTEX_MM) paintVoxel(c, idx, a.tissue.cortex, 15, LABEL.bone);
  else paintVoxel(c, idx, a.tissue.marrow, 70, LABEL.bone);
}

/** An elliptic bone section: marrow inside a cortex band, optionally clipped. */
function paintBoneEllipse(
  c: Canvas,
  a: PhantomAnatomy,
  k: number,
  e: Ellipse2,
  clip?: Ellipse2,
): void {
  const marrow = { value: a.tissue.marrow, texture: 70, label: LABEL.bone };
  const cortex = { value: a.tissue.cortex, texture: 15, label: LABEL.bone };
  fillEllipse(c, k, e, marrow, { fill: cortex, width: CORTEX_MM }, clip);
}

/** A bar of bone of radius `r` from (ax, ay) to (bx, by) in slice k (a pubic ramus). */
function paintBoneBar(
  c: Canvas,
  a: PhantomAnatomy,
  k: number,
  [ax, ay, bx, by]: [number, number, number, number],
  r: number,
): void {
  const ux = bx - ax;
  const uy = by - ay;
  const len2 = ux * ux + uy * uy;
  const mx = (ax + bx) / 2;
  const my = (ay + by) / 2;
  const [i0, i1, j0, j1] = boxBounds(c, mx, my, Math.abs(ux) / 2 + r, Math.abs(uy) / 2 + r);
  for (let j = j0; j <= j1; j++) {
    const py = c.ys[j] - ay;
    const row = (k * c.ny + j) * c.nx;
    for (let i = i0; i <= i1; i++) {
      const px = c.xs[i] - ax;
      const t = Math.max(0, Math.min(1, (px * ux + py * uy) / len2));
      const ex = px - t * ux;
      const ey = py - t * uy;
      const d = Math.sqrt(ex * ex + ey * ey);
      if (d < r) paintBone(c, a, row + i, r - d);
    }
  }
}

/** Femoral head (a sphere), the acetabular shell medial to it, and the neck below. */
function paintHip(c: Canvas, a: PhantomAnatomy, k: number, side: 1 | -1): void {
  const { x, cy, cz, r } = a.pelvis.femur;
  const cx = side * x;
  const dz = c.zs[k] - cz;
  const outer = r + 9;
  if (Math.abs(dz) < outer && dz > -0.6 * r) {
    const [i0, i1, j0, j1] = boxBounds(c, cx, cy, outer, outer);
    for (let j = j0; j <= j1; j++) {
      const dy = c.ys[j] - cy;
      const row = (k * c.ny + j) * c.nx;
      for (let i = i0; i <= i1; i++) {
        const dx = c.xs[i] - cx;
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        // The acetabulum cups the head from the medial side only.
        const medial = side * dx < -0.2 * r;
        if (d < r) paintBone(c, a, row + i, r - d);
        else if (d > r + 1.5 && d < outer && medial) {
          paintBone(c, a, row + i, Math.min(d - r - 1.5, outer - d));
        }
      }
    }
  }
  if (dz < -0.5 * r && dz > -r - 25) {
    paintBoneEllipse(c, a, k, { cx: cx + side * 0.5 * r, cy: cy - 2, rx: 0.6 * r, ry: 0.55 * r });
  }
}

/** Sacrum and coccyx behind the rectum, narrowing toward the coccyx, inside the body fat. */
function paintSacrum(c: Canvas, a: PhantomAnatomy, k: number): void {
  const { sacrum } = a.pelvis;
  const z = c.zs[k];
  if (z < sacrum.zLow) return;
  const width = Math.max(0.3, Math.min(1, (z - sacrum.zLow) / 30));
  const e = {
    cx: a.rectum.cx,
    cy: rectumCentreY(a, z) - a.rectum.ry - sacrum.gap - sacrum.ry,
    rx: sacrum.rx * width,
    ry: sacrum.ry,
  };
  paintBoneEllipse(c, a, k, e, innerBody(a));
}

/** Every bone of the phantom, slice by slice. */
export function paintBones(c: Canvas, a: PhantomAnatomy): void {
  const { femur, pubis, ischium } = a.pelvis;
  const p = a.prostate;
  for (let k = 0; k < c.nz; k++) {
    const z = c.zs[k];
    paintHip(c, a, k, 1);
    paintHip(c, a, k, -1);
    for (const side of [1, -1]) {
      const px = side * pubis.cx;
      const acetabulum = side * (femur.x - femur.r - 6);
      if (z > p.cz + 0.1 * p.rz && z < femur.cz + 0.5 * femur.r) {
        paintBoneBar(c, a, k, [px, pubis.cy, acetabulum, femur.cy + 8], pubis.ramus);
      }
      if (z < p.cz - 0.4 * p.rz) {
        paintBoneBar(c, a, k, [px, pubis.cy - 4, side * ischium.cx, ischium.cy], pubis.ramus * 0.8);
      }
    }
    if (z > pubis.zLow && z < pubis.zHigh)
      for (const b of mirrored(pubis)) paintBoneEllipse(c, a, k, b);
    if (z < femur.cz - 0.5 * femur.r)
      for (const b of mirrored(ischium)) paintBoneEllipse(c, a, k, b);
    paintSacrum(c, a, k);
  }
}
