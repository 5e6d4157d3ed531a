/**
 * The random anatomy of one phantom case: organ sizes, positions and tissue contrasts drawn
 * from a seeded generator. Everything is in world millimetres (x toward the patient's
 * right, y anterior, z superior, origin at the centre of the field of view), independent of
 * the voxel grid, so a coarser grid shows the same patient.
 */
import { clamp, normal, uniform, type Rng } from './rng';

/** Field of view in mm (x, y, z): a typical small-FOV axial prostate T2W acquisition. */
export const PHANTOM_FOV_MM: readonly [number, number, number] = [192, 192, 72];

export interface Ellipse2 {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export interface Ellipsoid extends Ellipse2 {
  cz: number;
  rz: number;
}

export interface ProstateShape extends Ellipsoid {
  /** Posterior semi-axis (the gland is flattened against the rectum). */
  ryPost: number;
  /** Anterior shift of the centre per mm toward the apex (the apex points forward). */
  tilt: number;
  /** Base-over-apex widening: the cross-section scales by (1 + taper * t), t in [-1, 1]. */
  taper: number;
  /** Depth of the posterior midline notch, as a fraction of the radius. */
  indent: number;
  /** Smooth radial deformation: 1 + sum(amp * cos(n * theta + phase)). */
  harmonics: { n: number; amp: number; phase: number }[];
  /** Hyperplastic nodules in the transition zone, in the gland's normalized coordinates. */
  nodules: { u: number; v: number; t: number; r: number; delta: number }[];
}

export interface RectumShape {
  cx: number;
  /** Centre at the prostate's mid level. */
  cy: number;
  rx: number;
  ry: number;
  wall: number;
  /** Posterior drift per mm above the prostate (following the sacral curve). */
  curve: number;
  /** Texture level above which the lumen holds gas rather than stool. */
  gasLevel: number;
}

/** Paired structures are given for the right side (x > 0) and mirrored. */
export interface PelvisShape {
  femur: { x: number; cy: number; cz: number; r: number };
  pubis: Ellipse2 & { zLow: number; zHigh: number; ramus: number };
  ischium: Ellipse2;
  sacrum: { gap: number; rx: number; ry: number; zLow: number };
}

export interface MuscleShapes {
  gluteus: Ellipse2;
  /** Levator ani beside the lower gland: offset from the gland's side, and semi-axes. */
  levator: { gap: number; rx: number; ry: number };
  obturator: Ellipse2 & { zLow: number; zHigh: number };
  rectus: Ellipse2;
}

/** T2-weighted signal of each tissue before bias, noise and the scanner's global scale. */
export interface TissueContrast {
  subcutFat: number;
  pelvicFat: number;
  muscle: number;
  cortex: number;
  marrow: number;
  urine: number;
  bladderWall: number;
  vesicle: number;
  rectalWall: number;
  stool: number;
  gas: number;
  transition: number;
  peripheral: number;
  capsule: number;
}

export interface Acquisition {
  /** Global intensity scale of the "centre" that acquired the case. */
  scale: number;
  /** Standard deviation of each quadrature noise channel, before the global scale. */
  noiseSigma: number;
  /** Coefficients of the log bias: x, y, z, x^2, y^2, xy on coordinates normalized to [-1, 1]. */
  bias: [number, number, number, number, number, number];
  /** An endorectal coil: a bright signal hump around the rectum, or null without one. */
  coil: { cx: number; cy: number; cz: number; amp: number; sigma: number } | null;
}

export interface PhantomAnatomy {
  body: Ellipse2 & { fat: number };
  prostate: ProstateShape;
  bladder: Ellipsoid & { wall: number };
  vesicle: Ellipsoid;
  rectum: RectumShape;
  pelvis: PelvisShape;
  muscles: MuscleShapes;
  tissue: TissueContrast;
  acquisition: Acquisition;
}

/** The body inside its subcutaneous fat: deep structures are clipped to it. */
export function innerBody(a: PhantomAnatomy): Ellipse2 {
  const { body } = a;
  return { cx: body.cx, cy: body.cy, rx: body.rx - body.fat, ry: body.ry - body.fat };
}

/** The rectum's centre line at height z: behind the gland, curving back above it. */
export function rectumCentreY(a: PhantomAnatomy, z: number): number {
  const { rectum: r, prostate: p } = a;
  return r.cy + p.tilt * (p.cz - z) - r.curve * Math.max(0, z - p.cz);
}

const BASE_CONTRAST: TissueContrast = {
  subcutFat: 820,
  pelvicFat: 640,
  muscle: 190,
  cortex: 60,
  marrow: 470,
  urine: 1000,
  bladderWall: 200,
  vesicle: 860,
  rectalWall: 170,
  stool: 380,
  gas: 40,
  transition: 330,
  peripheral: 560,
  capsule: 250,
};

/** Draws one patient. The order of draws is part of the format: changing it changes every case. */
export function sampleAnatomy(rng: Rng): PhantomAnatomy {
  const u = (lo: number, hi: number) => uniform(rng, lo, hi);
  const body = { cx: 0, cy: u(-8, -2), rx: u(112, 132), ry: u(84, 92), fat: u(10, 20) };
  const prostate = sampleProstate(rng);
  const top = prostate.cz + prostate.rz;
  const bladderRz = u(18, 30);
  const bladder = {
    cx: normal(rng) * 3,
    cy: prostate.cy + u(6, 14),
    cz: top - u(2, 6) + bladderRz,
    rx: u(28, 46),
    ry: u(20, 32),
    rz: bladderRz,
    wall: u(2.5, 4),
  };
  const vesicleZ = top + u(1, 5);
  const vesicle = {
    cx: u(10, 16),
    cy: prostate.cy - prostate.ryPost * 0.6 + prostate.tilt * (prostate.cz - vesicleZ),
    cz: vesicleZ,
    rx: u(9, 14),
    ry: u(4, 6),
    rz: u(5, 9),
  };
  const rectumRy = u(10, 15);
  const rectum = {
    cx: prostate.cx + normal(rng) * 3,
    cy: prostate.cy - prostate.ryPost - u(3, 6) - rectumRy,
    rx: rectumRy * u(1.2, 1.5),
    ry: rectumRy,
    wall: u(2.5, 4),
    curve: u(0.05, 0.25),
    gasLevel: u(0, 0.5),
  };
  const pelvis = samplePelvis(rng, prostate);
  const muscles = sampleMuscles(rng, body, prostate, pelvis);
  return {
    body,
    prostate,
    bladder,
    vesicle,
    rectum,
    pelvis,
    muscles,
    tissue: sampleContrast(rng),
    acquisition: sampleAcquisition(rng, prostate, rectum),
  };
}

function sampleProstate(rng: Rng): ProstateShape {
  const u = (lo: number, hi: number) => uniform(rng, lo, hi);
  const rx = u(12.5, 27.5); // 25-55 mm across
  const ry = rx * u(0.68, 0.85);
  const rz = Math.min(23, rx * u(0.8, 1.05));
  // Keep apex and base inside the middle of the slab, with room for the bladder above.
  const cz = clamp(-7 + normal(rng) * 3, -31 + rz, 16 - rz);
  const harmonics = [2, 3, 4].map((n) => ({ n, amp: u(-0.06, 0.06), phase: u(0, 2 * Math.PI) }));
  const nodules = Array.from({ length: Math.floor(u(0, 5)) }, () => ({
    u: u(-0.4, 0.4),
    v: u(-0.1, 0.5),
    t: u(-0.2, 0.7),
    r: u(0.12, 0.3),
    delta: u(-110, 110),
  }));
  return {
    cx: clamp(normal(rng) * 3, -8, 8),
    cy: u(-6, 4),
    cz,
    rx,
    ry,
    rz,
    ryPost: ry * u(0.75, 0.9),
    tilt: u(0.05, 0.25),
    taper: u(0.1, 0.3),
    indent: u(0, 0.12),
    harmonics,
    nodules,
  };
}

function samplePelvis(rng: Rng, p: ProstateShape): PelvisShape {
  const u = (lo: number, hi: number) => uniform(rng, lo, hi);
  const femur = { x: u(68, 78), cy: p.cy + u(-4, 6), cz: p.cz + u(0, 12), r: u(20, 24) };
  const pubisRx = u(8, 11);
  const pubisRy = u(11, 15);
  const pubis = {
    cx: pubisRx + u(1.5, 3),
    cy: p.cy + p.ry + u(8, 14) + pubisRy,
    rx: pubisRx,
    ry: pubisRy,
    zLow: p.cz - p.rz * 0.9,
    zHigh: p.cz + p.rz * 0.3,
    ramus: u(6, 8),
  };
  const ischium = {
    cx: femur.x - u(12, 16),
    cy: femur.cy - u(26, 34),
    rx: u(8, 10),
    ry: u(13, 17),
  };
  const sacrum = { gap: u(8, 12), rx: u(22, 30), ry: u(6, 9), zLow: p.cz - p.rz * 0.3 };
  return { femur, pubis, ischium, sacrum };
}

function sampleMuscles(
  rng: Rng,
  body: Ellipse2 & { fat: number },
  p: ProstateShape,
  pelvis: PelvisShape,
): MuscleShapes {
  const u = (lo: number, hi: number) => uniform(rng, lo, hi);
  const { femur } = pelvis;
  const obturatorRx = u(6, 9);
  const obturator = {
    cx: Math.max(femur.x - femur.r - 9, Math.abs(p.cx) + p.rx + 10 + obturatorRx),
    cy: femur.cy - 4,
    rx: obturatorRx,
    ry: u(18, 26),
    zLow: femur.cz - 35,
    zHigh: femur.cz + 18,
  };
  const gluteus = { cx: u(40, 55), cy: body.cy - body.ry * 0.55, rx: u(28, 36), ry: u(20, 28) };
  const rectusRy = u(5, 8);
  const rectus = {
    cx: u(18, 26),
    cy: body.cy + body.ry - body.fat - rectusRy - 1,
    rx: u(14, 20),
    ry: rectusRy,
  };
  const levator = { gap: u(2, 6), rx: u(3, 5), ry: p.ry * u(1.0, 1.3) };
  return { gluteus, levator, obturator, rectus };
}

function sampleContrast(rng: Rng): TissueContrast {
  // Each centre's sequence weights tissues a little differently.
  const out = { ...BASE_CONTRAST };
  for (const key of Object.keys(out) as (keyof TissueContrast)[]) {
    out[key] *= clamp(1 + normal(rng) * 0.07, 0.8, 1.2);
  }
  return out;
}

function sampleAcquisition(rng: Rng, p: ProstateShape, rectum: RectumShape): Acquisition {
  const u = (lo: number, hi: number) => uniform(rng, lo, hi);
  const scale = u(0.65, 1.2);
  const noiseSigma = u(18, 38);
  const bias = [0, 0, 0, 0, 0, 0].map(() => u(-0.14, 0.14)) as Acquisition['bias'];
  // Bound the log gain to +-0.5 over the field of view (a gain between 0.6 and 1.65).
  const total = bias.reduce((s, b) => s + Math.abs(b), 0);
  if (total > 0.5) for (let i = 0; i < bias.length; i++) bias[i] *= 0.5 / total;
  const withCoil = rng() < 0.35;
  const coil = withCoil
    ? { cx: rectum.cx, cy: rectum.cy, cz: p.cz, amp: u(0.4, 0.9), sigma: u(25, 40) }
    : null;
  return { scale, noiseSigma, bias, coil };
}
