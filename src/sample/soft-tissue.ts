/**
 * Painters for the soft tissues around the prostate: body outline with its fat, pelvic
 * muscles, seminal vesicles, bladder and rectum. Each paints over what is already there,
 * so the call order in the phantom decides which structure wins where they touch.
 */
import { innerBody, rectumCentreY, type Ellipse2, type PhantomAnatomy } from './anatomy';
import { LABEL } from './labels';
import { fillEllipse, forEachInEllipse, mirrored, paintVoxel, sliceOfEllipsoid } from './raster';
import type { Canvas } from './raster';

/** Air outside the body, bright subcutaneous fat, and pelvic fat inside it. */
export function paintBody(c: Canvas, a: PhantomAnatomy): void {
  const { body, tissue } = a;
  const pelvicFat = { value: tissue.pelvicFat, texture: 80, label: LABEL.body };
  const subcutFat = { value: tissue.subcutFat, texture: 50, label: LABEL.body };
  for (let k = 0; k < c.nz; k++) {
    fillEllipse(c, k, body, pelvicFat, { fill: subcutFat, width: body.fat });
  }
}

/** Gluteal, obturator, rectus and levator muscles: dark on T2, inside the subcutaneous fat. */
export function paintMuscles(c: Canvas, a: PhantomAnatomy): void {
  const { muscles, tissue } = a;
  const inner = innerBody(a);
  const muscle = { value: tissue.muscle, texture: 35, label: LABEL.body };
  const { obturator } = muscles;
  for (let k = 0; k < c.nz; k++) {
    const z = c.zs[k];
    const shapes = [...mirrored(muscles.gluteus)];
    if (z > obturator.zLow && z < obturator.zHigh) shapes.push(...mirrored(obturator));
    if (z > a.prostate.cz) shapes.push(...mirrored(muscles.rectus));
    shapes.push(...levatorAt(a, z));
    for (const e of shapes) fillEllipse(c, k, e, muscle, undefined, inner);
  }
}

/**
 * The levator ani hugging the sides of the lower gland and, below the apex, the anal
 * canal: muscle right against the gland, so its lateral edge is not a fat boundary.
 */
function levatorAt(a: PhantomAnatomy, z: number): Ellipse2[] {
  const { prostate: p, muscles } = a;
  const t = (z - p.cz) / p.rz;
  if (t > 0.2 || t < -1.6) return [];
  const halfWidth = p.rx * (t > -1 ? Math.sqrt(1 - t * t) * (1 + p.taper * t) : 0);
  const side = Math.max(halfWidth, a.rectum.rx * 0.6);
  const offset = side + muscles.levator.gap + muscles.levator.rx;
  const cy = p.cy + p.tilt * (p.cz - z) - p.ryPost * 0.3;
  const { rx, ry } = muscles.levator;
  return [
    { cx: p.cx + offset, cy, rx, ry },
    { cx: p.cx - offset, cy, rx, ry },
  ];
}

/** Seminal vesicles: bright fluid-filled structures above the prostate, labelled as body. */
export function paintVesicles(c: Canvas, a: PhantomAnatomy): void {
  const fluid = { value: a.tissue.vesicle, texture: 60, label: LABEL.body };
  for (let k = 0; k < c.nz; k++) {
    for (const v of mirrored(a.vesicle)) {
      const s = sliceOfEllipsoid(v, c.zs[k]);
      if (s) fillEllipse(c, k, s, fluid);
    }
  }
}

/** The bladder: very bright urine inside a thin dark wall, only above the prostate base. */
export function paintBladder(c: Canvas, a: PhantomAnatomy): void {
  const { bladder, tissue } = a;
  const urine = { value: tissue.urine, texture: 15, label: LABEL.bladder };
  const wall = { value: tissue.bladderWall, texture: 20, label: LABEL.bladder };
  for (let k = 0; k < c.nz; k++) {
    const s = sliceOfEllipsoid(bladder, c.zs[k]);
    if (s) fillEllipse(c, k, s, urine, { fill: wall, width: bladder.wall });
  }
}

/**
 * The rectum: a dark muscular wall around mixed content (stool of intermediate signal,
 * dark gas), narrowing to the anal canal below the prostate.
 */
export function paintRectum(c: Canvas, a: PhantomAnatomy): void {
  const { rectum: r, prostate: p, tissue } = a;
  const apex = p.cz - p.rz;
  for (let k = 0; k < c.nz; k++) {
    const z = c.zs[k];
    const narrowing = z < apex ? Math.max(0.45, 1 - (apex - z) / 25) : 1;
    const s = { cx: r.cx, cy: rectumCentreY(a, z), rx: r.rx * narrowing, ry: r.ry * narrowing };
    const lumen = Math.max(0, 1 - r.wall / Math.min(s.rx, s.ry)) ** 2;
    forEachInEllipse(c, k, s, (idx, q) => {
      if (q >= lumen) paintVoxel(c, idx, tissue.rectalWall, 20, LABEL.rectum);
      else if (c.texture[idx] > r.gasLevel) paintVoxel(c, idx, tissue.gas, 0, LABEL.rectum);
      else paintVoxel(c, idx, tissue.stool, 160, LABEL.rectum);
    });
  }
}
