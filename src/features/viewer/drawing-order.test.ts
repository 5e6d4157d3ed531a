/**
 * Drawn labels in Niivue's RAS order and back, checked against Niivue's own orientation of
 * real and synthetic headers: a voxel drawn at a RAS position must land on the source voxel
 * at the same place in the world, for oblique, permuted and mirrored grids, both for the
 * files as they come and for the canonical volumes the studio hands the viewer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NVImage } from '@niivue/niivue';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { headerAffine, matMul4, voxelToWorld } from '../../io/affine';
import { parseNiftiHeader } from '../../io/nifti-header';
import { readNifti } from '../../io/nifti-read';
import { writeNifti } from '../../io/nifti-write';
import type { Volume } from '../../io/volume';
import {
  fromRas,
  identityOrder,
  isIdentity,
  rasOrderOf,
  rasVoxel,
  sourceIndex,
  toRas,
  type RasOrder,
} from './drawing-order';

const PROSTATEX = path.resolve(__dirname, '../../../../shared/data/prostatex');
const T2W = path.join(PROSTATEX, 'ProstateX-0000_t2_tse_tra_4.nii.gz');
const LESION = path.join(PROSTATEX, 'ProstateX-0000_07-07-2011_lesion.nii.gz');

/** Niivue's RAS order of NIfTI `bytes`, and the affine and grid of the bytes' own voxels. */
async function orient(bytes: Uint8Array) {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const header = parseNiftiHeader(raw, 'x.nii');
  const img = await NVImage.loadFromUrl({ url: raw.slice(), name: 'x.nii' });
  const dims = header.dim.slice(1, 4) as [number, number, number];
  return { img, order: rasOrderOf(img), affine: headerAffine(header).affine, dims };
}

/** Checks that RAS voxels map onto source voxels at the same world position. */
function expectSameWorld(
  o: RasOrder,
  img: NVImage,
  affine: number[],
  dims: [number, number, number],
): void {
  const [nx, ny, nz] = o.dims;
  const probes: [number, number, number][] = [
    [0, 0, 0],
    [nx - 1, 0, 0],
    [0, ny - 1, 0],
    [0, 0, nz - 1],
    [nx - 1, ny - 1, nz - 1],
    [Math.floor(nx / 3), Math.floor((2 * ny) / 3), Math.floor(nz / 2)],
  ];
  for (const [x, y, z] of probes) {
    const src = sourceIndex(o, x, y, z);
    const i = src % dims[0];
    const j = Math.floor(src / dims[0]) % dims[1];
    const k = Math.floor(src / (dims[0] * dims[1]));
    expect(rasVoxel(o, dims, i, j, k)).toEqual([x, y, z]);
    const ours = voxelToWorld(affine, i, j, k);
    const theirs = img.vox2mm([x, y, z], img.matRAS as never);
    ours.forEach((v, c) => expect(v).toBeCloseTo(theirs[c], 2));
  }
}

/** A volume with a ramp (so orders are told apart) on an arbitrary grid. */
function synthetic(dims: [number, number, number], affine: number[]): Volume {
  const n = dims[0] * dims[1] * dims[2];
  const data = new Float32Array(n);
  for (let v = 0; v < n; v++) data[v] = v % 251;
  return { dims, spacing: [1, 1, 1], data, sourceType: 'uint8', affine };
}

function rotationZ(deg: number): number[] {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

/** Name, grid, affine, and whether Niivue reorders the file's voxels. */
const SYNTHETIC: [string, [number, number, number], number[], boolean][] = [
  ['LPI mirrored', [5, 6, 7], [-1, 0, 0, 4, 0, -0.8, 0, 5, 0, 0, -2, 6, 0, 0, 0, 1], true],
  // i -> anterior, j -> superior, k -> left, tilted 30 degrees about z.
  [
    'ASL permuted and oblique',
    [4, 5, 6],
    matMul4(rotationZ(30), [0, 0, -1.5, 1, 1, 0, 0, 2, 0, 2, 0, 3, 0, 0, 0, 1]),
    true,
  ],
  // Close to 45 degrees: the closest axes are a near tie.
  [
    'oblique at 44 degrees',
    [6, 4, 3],
    matMul4(rotationZ(44), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1]),
    false,
  ],
];

describe('drawing order', () => {
  it('round-trips a label and rounds values to drawing bytes', () => {
    const o: RasOrder = { dims: [3, 2, 2], start: 11, steps: [-1, -3, -6] };
    const label = Float32Array.from({ length: 12 }, (_, v) => (v % 4) + 0.2);
    label[5] = -3;
    label[6] = 300;
    const ras = toRas(label, o);
    const back = fromRas(ras, o);
    expect(Array.from(back)).toEqual(
      Array.from(label, (v) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v))),
    );
    // RAS voxel 0 is source voxel 11 (both axes mirrored).
    expect(ras[0]).toBe(Math.round(label[11]));
    expect(isIdentity(identityOrder([3, 2, 2]))).toBe(true);
    expect(isIdentity(o)).toBe(false);
    expect(() => toRas(new Float32Array(5), o)).toThrow(/5 voxels/);
    // And back from source voxels to RAS voxels.
    for (const [x, y, z] of [
      [0, 0, 0],
      [2, 1, 0],
      [1, 0, 1],
    ] as const) {
      const src = sourceIndex(o, x, y, z);
      expect(rasVoxel(o, [3, 2, 2], src % 3, Math.floor(src / 3) % 2, Math.floor(src / 6))).toEqual(
        [x, y, z],
      );
    }
  });

  for (const [name, dims, affine, reordered] of SYNTHETIC) {
    it(`puts drawn voxels where Niivue shows them: ${name}, as a file and as the studio's volume`, async () => {
      const bytes = writeNifti(synthetic(dims, affine), { type: 'uint8' });
      const file = await orient(bytes);
      expect(isIdentity(file.order)).toBe(!reordered);
      expectSameWorld(file.order, file.img, file.affine, file.dims);
      // The studio hands Niivue its canonical volume; conversions must hold there too.
      const canonical = readNifti(bytes, 'x.nii')[0];
      const shown = await orient(writeNifti(canonical, { type: 'uint8' }));
      expectSameWorld(shown.order, shown.img, canonical.affine, canonical.dims);
      // A label drawn on screen comes back voxel for voxel on the studio's grid.
      const ras = toRas(canonical.data, shown.order);
      expect(Array.from(fromRas(ras, shown.order))).toEqual(Array.from(canonical.data));
    });
  }

  describe.skipIf(!existsSync(T2W))('ProstateX scans (oblique, mirrored; ../shared/data)', () => {
    for (const file of [T2W, LESION]) {
      it(`matches Niivue on ${path.basename(file)} and on its canonical volume`, async () => {
        const bytes = new Uint8Array(readFileSync(file));
        const raw = await orient(bytes);
        // Stored left-posterior: Niivue mirrors it before drawing.
        expect(isIdentity(raw.order)).toBe(false);
        expectSameWorld(raw.order, raw.img, raw.affine, raw.dims);
        const canonical = readNifti(bytes, file)[0];
        const shown = await orient(writeNifti(canonical, { type: 'float32' }));
        expectSameWorld(shown.order, shown.img, canonical.affine, canonical.dims);
      });
    }

    it('brings a stroke drawn on the t2w back to the file voxels it covers', async () => {
      const bytes = new Uint8Array(readFileSync(T2W));
      const raw = await orient(bytes);
      const [nx, ny, nz] = raw.order.dims;
      const drawing = new Uint8Array(nx * ny * nz);
      // A short stroke of label 2 on RAS slice 7, rows 100-102 of column 50.
      for (let y = 100; y <= 102; y++) drawing[7 * nx * ny + y * nx + 50] = 2;
      const label = fromRas(drawing, raw.order);
      const hit: number[][] = [];
      label.forEach((v, n) => {
        if (v !== 2) return;
        hit.push([
          n % raw.dims[0],
          Math.floor(n / raw.dims[0]) % raw.dims[1],
          Math.floor(n / (raw.dims[0] * raw.dims[1])),
        ]);
      });
      expect(hit).toHaveLength(3);
      for (const [i, j, k] of hit) {
        const world = voxelToWorld(raw.affine, i, j, k);
        const vox = raw.img.mm2vox(world) as ArrayLike<number>;
        expect([vox[0], vox[2]]).toEqual([50, 7]);
      }
    });
  });
});
