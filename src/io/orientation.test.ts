import { describe, it, expect } from 'vitest';
import {
  affineToQuatern,
  headerAffine,
  matMul4,
  polarRotation,
  qformAffine,
  voxelToWorld,
} from './affine';
import { axisCodes, canonicalPlan, ioOrientation } from './orientation';
import { parseNiftiHeader, type NiftiHeader } from './nifti-header';
import { buildNifti } from './test-fixtures';

function header(fields: Partial<NiftiHeader>): NiftiHeader {
  const base = parseNiftiHeader(
    buildNifti({ dims: [2, 2, 2], datatype: 2, values: new Array<number>(8).fill(0) }),
    'h.nii',
  );
  return { ...base, ...fields };
}

function rotation(axis: [number, number, number], angle: number): number[] {
  const n = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / n);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    0,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    0,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
    0,
    0,
    0,
    0,
    1,
  ];
}

const diag = (x: number, y: number, z: number, t: [number, number, number] = [0, 0, 0]) => [
  x,
  0,
  0,
  t[0],
  0,
  y,
  0,
  t[1],
  0,
  0,
  z,
  t[2],
  0,
  0,
  0,
  1,
];

describe('axis codes (nibabel aff2axcodes)', () => {
  it('names axis-aligned affines', () => {
    expect(axisCodes(diag(1, 1, 1))).toBe('RAS');
    expect(axisCodes(diag(-1, -1, 2))).toBe('LPS');
    expect(axisCodes(diag(-0.5, 0.5, -3))).toBe('LAI');
    // i -> +y, j -> +z, k -> -x
    expect(axisCodes([0, 0, -1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])).toBe('ASL');
  });

  it('picks the closest axes of an oblique grid', () => {
    const oblique = matMul4(rotation([1, 0.3, 0], (25 * Math.PI) / 180), diag(-0.5, -0.5, 3));
    expect(axisCodes(oblique)).toBe('LPS');
    // The ProstateX t2w sform (19 slices): rows point posterior, tilted ~18 degrees.
    const t2w = [
      -0.5, -1e-10, -0.00377, 57.7, 0.0002, -0.4742, -0.9514, 82.4, -0.0006, -0.1586, 2.8451, -27.1,
      0, 0, 0, 1,
    ];
    expect(axisCodes(t2w)).toBe('LPS');
  });

  it('resolves a sheared grid through its nearest rotation', () => {
    // The j column leans 40 degrees toward x: its closest axis is still y.
    const sheared = [1, 0.84, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    expect(ioOrientation(sheared)).toEqual({ axis: [0, 1, 2], flip: [false, false, false] });
    const r = polarRotation([
      [1, 0, 0],
      [0.84, 1, 0],
      [0, 0, 1],
    ]);
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    expect(dot(r[0], r[1])).toBeCloseTo(0, 10);
    expect(dot(r[0], r[0])).toBeCloseTo(1, 10);
  });
});

describe('canonicalPlan', () => {
  const cases: [string, number[]][] = [
    ['LPS', diag(-1, -1, 2, [5, 6, 7])],
    ['ASL', [0, 0, -3, 1, 0.5, 0, 0, 2, 0, 2, 0, 3, 0, 0, 0, 1]],
    ['oblique LAI', matMul4(rotation([0.2, 1, 0.1], 0.4), diag(-1, 0.7, -2, [9, -9, 4]))],
  ];
  for (const [name, affine] of cases) {
    it(`keeps every voxel at its world position (${name})`, () => {
      const dims: [number, number, number] = [3, 4, 5];
      const plan = canonicalPlan(dims, [1, 1, 1], affine);
      expect(axisCodes(plan.affine)).toBe('RAS');
      expect(plan.dims.slice().sort()).toEqual([...dims].sort());
      for (let k = 0; k < plan.dims[2]; k++) {
        for (let j = 0; j < plan.dims[1]; j++) {
          for (let i = 0; i < plan.dims[0]; i++) {
            const src = plan.base + i * plan.steps[0] + j * plan.steps[1] + k * plan.steps[2];
            const si = src % dims[0];
            const sj = Math.floor(src / dims[0]) % dims[1];
            const sk = Math.floor(src / (dims[0] * dims[1]));
            const a = voxelToWorld(plan.affine, i, j, k);
            const b = voxelToWorld(affine, si, sj, sk);
            a.forEach((v, c) => expect(v).toBeCloseTo(b[c], 9));
          }
        }
      }
    });
  }

  it('moves dims and spacing with their axes', () => {
    const plan = canonicalPlan(
      [3, 4, 5],
      [0.5, 2, 3],
      [0, 0, -3, 1, 0.5, 0, 0, 2, 0, 2, 0, 3, 0, 0, 0, 1],
    );
    expect(plan.dims).toEqual([5, 3, 4]);
    expect(plan.spacing).toEqual([3, 0.5, 2]);
    expect(plan.identity).toBe(false);
    expect(canonicalPlan([3, 4, 5], [1, 1, 1], diag(1, 2, 3)).identity).toBe(true);
  });
});

describe('header affines', () => {
  it('follows the qform quaternion formula with qfac = -1 (ProstateX lesion vs its sform twin)', () => {
    // Header fields of ProstateX-0000_07-07-2011_lesion.nii.gz (qform only) and the srow of
    // ProstateX-0000_t2_tse_tra_4.nii.gz (sform only, same geometry), read with python struct.
    const h = header({
      qformCode: 1,
      sformCode: 0,
      pixdim: [-1, 0.5, 0.5, 3, 0, 0, 0, 0],
      quatern: [0.0001009642583085224, 0.9870095252990723, 0.16066040098667145],
      qoffset: [57.6854362487793, -99.25102996826172, -87.81437683105469],
    });
    const expected = [
      -0.49999961256980896, 1.0016754786734694e-10, -0.003770590526983142, 57.6854362487793,
      0.00019930524285882711, 0.4741882383823395, -0.9514397382736206, -99.25102996826172,
      -0.0005959898699074984, 0.15857341885566711, 2.8451271057128906, -87.81437683105469, 0, 0, 0,
      1,
    ];
    const got = headerAffine(h);
    expect(got.method).toBe('qform');
    // float32 quaternions pin the tiny `a` term loosely (~3e-4 in a direction cosine).
    got.affine.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 3));
  });

  it('prefers sform, then qform, then pixdim; skips a singular sform', () => {
    const srow: [number, number, number, number] = [2, 0, 0, 1];
    expect(headerAffine(header({ sformCode: 1, qformCode: 1, srowX: srow })).method).toBe('sform');
    expect(headerAffine(header({ sformCode: 0, qformCode: 1, quatern: [0, 0, 1] })).method).toBe(
      'qform',
    );
    const zero: [number, number, number, number] = [0, 0, 0, 0];
    const singular = header({
      sformCode: 2,
      qformCode: 1,
      srowX: zero,
      srowY: zero,
      srowZ: zero,
      quatern: [0, 0, 1],
    });
    expect(headerAffine(singular).method).toBe('qform');
    const plain = headerAffine(
      header({ sformCode: 0, qformCode: 0, pixdim: [1, 0.5, 0.6, 0.7, 0, 0, 0, 0] }),
    );
    expect(plain).toEqual({ method: 'pixdim', affine: diag(0.5, 0.6, 0.7) });
  });

  it('encodes rotations and reflections as quaternions that decode to the same affine', () => {
    const zooms: [number, number, number][] = [
      [1, 1, 1],
      [0.5, 0.7, 3],
      [2, 1, 0.25],
    ];
    const rotations = [
      diag(1, 1, 1),
      diag(-1, -1, 1), // 180 degrees about z: the a ~ 0 branch
      diag(-1, 1, 1), // a reflection: qfac = -1
      rotation([1, 2, 3], 2.9),
      matMul4(rotation([0.3, -1, 0.5], 1.1), diag(1, 1, -1)),
    ];
    for (const z of zooms) {
      for (const r of rotations) {
        const affine = matMul4(r, diag(z[0], z[1], z[2]));
        affine[3] = 11;
        affine[7] = -22;
        affine[11] = 33;
        const { quatern, qoffset, qfac } = affineToQuatern(affine);
        const back = qformAffine(header({ quatern, qoffset, pixdim: [qfac, ...z, 0, 0, 0, 0] }));
        back.forEach((v, i) => expect(v).toBeCloseTo(affine[i], 9));
      }
    }
  });
});
