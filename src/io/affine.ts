/**
 * Voxel -> world geometry of NIfTI headers: the three methods of the NIfTI-1 standard
 * (sform, qform quaternion, plain pixdim scaling) and the inverse quaternion encoding used
 * when writing, plus the few 4x4 helpers they need. Matrices are row-major `number[16]`.
 */
import type { NiftiHeader } from './nifti-header';

/** Row-major 4x4 product a * b. */
export function matMul4(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[r * 4 + k] * b[k * 4 + c];
      out[r * 4 + c] = s;
    }
  }
  return out;
}

/** World position (mm) of voxel (i, j, k) under a row-major affine. */
export function voxelToWorld(affine: readonly number[], i: number, j: number, k: number): number[] {
  return [0, 1, 2].map(
    (r) => affine[r * 4] * i + affine[r * 4 + 1] * j + affine[r * 4 + 2] * k + affine[r * 4 + 3],
  );
}

/** Rotation/zoom part as 3 columns (one world vector per voxel axis). */
export function affineColumns(affine: readonly number[]): number[][] {
  return [0, 1, 2].map((c) => [affine[c], affine[4 + c], affine[8 + c]]);
}

function det3(m: readonly number[][]): number {
  // m given as columns; the determinant is the same for the transpose.
  const [a, b, c] = m;
  return (
    a[0] * (b[1] * c[2] - b[2] * c[1]) -
    b[0] * (a[1] * c[2] - a[2] * c[1]) +
    c[0] * (a[1] * b[2] - a[2] * b[1])
  );
}

/** Affine from the quaternion fields of a header (NIfTI-1 method 2). */
export function qformAffine(h: NiftiHeader): number[] {
  let [b, c, d] = h.quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // Stored quaternions lose precision; when a ~ 0 renormalise (b, c, d) as nifti1_io does.
    const n = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= n;
    c *= n;
    d *= n;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const zoom = (v: number) => (v > 0 && Number.isFinite(v) ? v : 1);
  const xd = zoom(h.pixdim[1]);
  const yd = zoom(h.pixdim[2]);
  const zd = zoom(h.pixdim[3]) * (h.pixdim[0] < 0 ? -1 : 1);
  const [qx, qy, qz] = h.qoffset;
  return [
    (a * a + b * b - c * c - d * d) * xd,
    2 * (b * c - a * d) * yd,
    2 * (b * d + a * c) * zd,
    qx,
    2 * (b * c + a * d) * xd,
    (a * a + c * c - b * b - d * d) * yd,
    2 * (c * d - a * b) * zd,
    qy,
    2 * (b * d - a * c) * xd,
    2 * (c * d + a * b) * yd,
    (a * a + d * d - c * c - b * b) * zd,
    qz,
    0,
    0,
    0,
    1,
  ];
}

/** Affine from srow_x/y/z (NIfTI-1 method 3). */
export function sformAffine(h: NiftiHeader): number[] {
  return [...h.srowX, ...h.srowY, ...h.srowZ, 0, 0, 0, 1];
}

/** Affine from pixdim alone (NIfTI-1 method 1, no orientation information). */
export function scalingAffine(h: NiftiHeader): number[] {
  const z = (v: number) => (v > 0 && Number.isFinite(v) ? v : 1);
  return [z(h.pixdim[1]), 0, 0, 0, 0, z(h.pixdim[2]), 0, 0, 0, 0, z(h.pixdim[3]), 0, 0, 0, 0, 1];
}

function usable(affine: readonly number[]): boolean {
  return affine.every(Number.isFinite) && Math.abs(det3(affineColumns(affine))) > 1e-12;
}

/**
 * The voxel -> world affine a header describes: sform when sform_code > 0, else qform when
 * qform_code > 0, else pixdim scaling. A coded but singular or non-finite sform falls back
 * to the next method instead of producing a degenerate grid.
 */
export function headerAffine(h: NiftiHeader): {
  affine: number[];
  method: 'sform' | 'qform' | 'pixdim';
} {
  if (h.sformCode > 0) {
    const s = sformAffine(h);
    if (usable(s)) return { affine: s, method: 'sform' };
  }
  if (h.qformCode > 0) {
    const q = qformAffine(h);
    if (usable(q)) return { affine: q, method: 'qform' };
  }
  return { affine: scalingAffine(h), method: 'pixdim' };
}

/**
 * Nearest rotation (or rotation-reflection) to a 3x3 matrix given as columns, by the
 * Newton iteration X <- (X + X^-T) / 2 of the polar decomposition.
 */
export function polarRotation(columns: readonly number[][]): number[][] {
  let x = columns.map((c) => [...c]);
  for (let it = 0; it < 50; it++) {
    const det = det3(x);
    if (Math.abs(det) < 1e-12) return x;
    // Columns of X^-T are the cross products of X's columns divided by det.
    const inv = [cross(x[1], x[2]), cross(x[2], x[0]), cross(x[0], x[1])].map((v) =>
      v.map((e) => e / det),
    );
    const next = x.map((col, c) => col.map((e, r) => (e + inv[c][r]) / 2));
    const change = Math.max(...next.flatMap((col, c) => col.map((e, r) => Math.abs(e - x[c][r]))));
    x = next;
    if (change < 1e-14) break;
  }
  return x;
}

function cross(u: readonly number[], v: readonly number[]): number[] {
  return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
}

/** Quaternion encoding of an affine for the qform fields (nifti1_io's mat44_to_quatern). */
export function affineToQuatern(affine: readonly number[]): {
  quatern: [number, number, number];
  qoffset: [number, number, number];
  qfac: 1 | -1;
} {
  const cols = affineColumns(affine).map((c) => {
    const n = Math.hypot(c[0], c[1], c[2]);
    return n > 0 ? c.map((e) => e / n) : c;
  });
  const r = polarRotation(cols);
  let qfac: 1 | -1 = 1;
  if (det3(r) < 0) {
    qfac = -1;
    r[2] = r[2].map((e) => -e);
  }
  // r[c][row]: element (row, col) of the rotation.
  const m = (row: number, col: number) => r[col][row];
  let a = m(0, 0) + m(1, 1) + m(2, 2) + 1;
  let b: number, c: number, d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (m(2, 1) - m(1, 2))) / a;
    c = (0.25 * (m(0, 2) - m(2, 0))) / a;
    d = (0.25 * (m(1, 0) - m(0, 1))) / a;
  } else {
    const xd = 1 + m(0, 0) - (m(1, 1) + m(2, 2));
    const yd = 1 + m(1, 1) - (m(0, 0) + m(2, 2));
    const zd = 1 + m(2, 2) - (m(0, 0) + m(1, 1));
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (m(0, 1) + m(1, 0))) / b;
      d = (0.25 * (m(0, 2) + m(2, 0))) / b;
      a = (0.25 * (m(2, 1) - m(1, 2))) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (m(0, 1) + m(1, 0))) / c;
      d = (0.25 * (m(1, 2) + m(2, 1))) / c;
      a = (0.25 * (m(0, 2) - m(2, 0))) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (m(0, 2) + m(2, 0))) / d;
      c = (0.25 * (m(1, 2) + m(2, 1))) / d;
      a = (0.25 * (m(1, 0) - m(0, 1))) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { quatern: [b, c, d], qoffset: [affine[3], affine[7], affine[11]], qfac };
}
