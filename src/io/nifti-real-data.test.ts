import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readNifti } from './nifti-read';
import { checkLabel, cornerDistance, labelValues, volumeStats } from './validate';
import { axisCodes } from './orientation';
import { StudioError } from '../shared/errors';
import type { Volume } from './volume';

const DATA = path.resolve(__dirname, '../../../shared/data');
const HAS_DATA = existsSync(path.join(DATA, 'promise12'));
const SKIP_REASON = `real data not found at ${DATA}; these tests need the shared data folder`;

function load(rel: string): Volume[] {
  return readNifti(readFileSync(path.join(DATA, rel)), path.basename(rel));
}

function at(vol: Volume, i: number, j: number, k: number): number {
  return vol.data[i + vol.dims[0] * (j + vol.dims[1] * k)];
}

function count(vol: Volume, value: number): number {
  let n = 0;
  const d = vol.data;
  for (let i = 0; i < d.length; i++) if (d[i] === value) n++;
  return n;
}

if (!HAS_DATA) console.warn(SKIP_REASON);

describe.skipIf(!HAS_DATA)('PROMISE12 case 00 (int16 image, uint8 label)', () => {
  const [image] = HAS_DATA ? load('promise12/image_train00.nii.gz') : [];
  const [label] = HAS_DATA ? load('promise12/label_train00.nii.gz') : [];

  it('has the header grid, reoriented from LPS to RAS', () => {
    expect(image.sourceType).toBe('int16');
    expect(image.dims).toEqual([128, 128, 32]);
    expect(image.spacing).toEqual([1, 1, 2]);
    // The file's sform is diag(-1, -1, 2): both in-plane axes are flipped.
    expect(image.affine).toEqual([1, 0, 0, -127, 0, 1, 0, -127, 0, 0, 2, 0, 0, 0, 0, 1]);
    expect(axisCodes(image.affine)).toBe('RAS');
  });

  it('holds the voxel values an independent reader sees', () => {
    // Read with python3's gzip + struct ('<h' at byte 352 + 2 * (i + 128 * (j + 128 * k))),
    // at file indices (i, j, k); canonical indices are (127 - i, 127 - j, k).
    const fileVoxels: [number, number, number, number][] = [
      [64, 64, 16, 667],
      [10, 20, 5, 64],
      [100, 50, 30, 116],
      [0, 0, 0, 54],
      [127, 127, 31, 120],
      [3, 90, 12, 195],
    ];
    for (const [i, j, k, value] of fileVoxels) expect(at(image, 127 - i, 127 - j, k)).toBe(value);
    // Same script: sum 135669945, min -970, max 10099, mean 258.76988, population std 299.72228.
    expect(image.data.reduce((s, v) => s + v, 0)).toBe(135669945);
    const stats = volumeStats(image);
    expect([stats.min, stats.max]).toEqual([-970, 10099]);
    expect(stats.mean).toBeCloseTo(258.76988410949707, 6);
    expect(stats.std).toBeCloseTo(299.7222755349927, 6);
  });

  it('has a {0, 1} label on the image grid', () => {
    expect(label.sourceType).toBe('uint8');
    expect(labelValues(label)).toEqual([0, 1]);
    // python3: 18050 voxels are 1; the first and last (file order) are (59,40,8) and (64,50,24).
    expect(count(label, 1)).toBe(18050);
    expect(at(label, 127 - 59, 127 - 40, 8)).toBe(1);
    expect(at(label, 127 - 64, 127 - 50, 24)).toBe(1);
    expect(() => checkLabel(label, image, 'label_train00.nii.gz')).not.toThrow();
  });

  it('reports a file cut in half as truncated, naming it', () => {
    const bytes = readFileSync(path.join(DATA, 'promise12/image_train00.nii.gz'));
    let error: unknown;
    try {
      readNifti(bytes.subarray(0, bytes.length >> 1), 'image_train00.nii.gz');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('truncated');
    expect((error as StudioError).message).toBe(
      'image_train00.nii.gz: truncated gzip stream (the file ends early)',
    );
  });

  it('refuses the label against a grid shifted by one voxel', () => {
    const shifted = { ...image, affine: image.affine.map((v, i) => (i === 3 ? v + 1 : v)) };
    expect(() => checkLabel(label, shifted, 'label_train00.nii.gz')).toThrow(
      /^label_train00\.nii\.gz: label grid is placed 1\.00 mm away/,
    );
  });
});

describe.skipIf(!HAS_DATA)(
  'BraTS 2013 pat0003 (int32 scaled mask, float32 multi-class label)',
  () => {
    it('applies scl_slope / scl_inter to the brain mask: exactly {0, 1}', () => {
      const t0 = performance.now();
      const [mask] = load('brats2015/brats_2013_pat0003_1/brainmask.nii.gz');
      const ms = performance.now() - t0;
      console.info(`brainmask.nii.gz (240x240x155 int32, gzip) decoded in ${ms.toFixed(0)} ms`);
      expect(mask.sourceType).toBe('int32');
      expect(mask.dims).toEqual([240, 240, 155]);
      expect(labelValues(mask)).toEqual([0, 1]);
      // python3 struct: 1690470 voxels store 2147483520 (-> 1), 7237530 store -2^31 (-> 0).
      expect(count(mask, 1)).toBe(1690470);
    });

    it('reads the tumour classes 0..4 of OTMultiClass', () => {
      const [ot] = load('brats2015/brats_2013_pat0003_1/OTMultiClass.nii.gz');
      expect(ot.sourceType).toBe('float32');
      expect(labelValues(ot)).toEqual([0, 1, 2, 3, 4]);
      // python3 struct counts: 1252, 148264, 3162, 21250 voxels of classes 1..4; the first
      // voxel (file order) of each class at file (i, j, k) -> canonical (239 - i, 239 - j, k).
      expect([1, 2, 3, 4].map((c) => count(ot, c))).toEqual([1252, 148264, 3162, 21250]);
      const first: [number, number, number, number][] = [
        [1, 91, 150, 67],
        [2, 97, 151, 58],
        [3, 87, 154, 64],
        [4, 89, 132, 64],
      ];
      for (const [c, i, j, k] of first) expect(at(ot, 239 - i, 239 - j, k)).toBe(c);
    });
  },
);

/** Pearson correlation of two equally long arrays. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function slice(vol: Volume, k: number, flipRows = false): Float32Array {
  const [nx, ny] = vol.dims;
  const out = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const src = vol.data.subarray(
      (k * ny + (flipRows ? ny - 1 - j : j)) * nx,
      (k * ny + (flipRows ? ny - 1 - j : j) + 1) * nx,
    );
    out.set(src, j * nx);
  }
  return out;
}

describe.skipIf(!HAS_DATA)('ProstateX-0000: two converters, one orientation', () => {
  const [t2w] = HAS_DATA ? load('prostatex/ProstateX-0000_07-07-2011_t2w.nii.gz') : [];
  const [tse] = HAS_DATA ? load('prostatex/ProstateX-0000_t2_tse_tra_4.nii.gz') : [];

  it('both conversions come out on RAS grids with the header sizes', () => {
    expect(t2w.dims).toEqual([384, 384, 19]);
    expect(tse.dims).toEqual([384, 384, 16]);
    expect(t2w.spacing).toEqual([0.5, 0.5, 3]);
    expect(tse.spacing).toEqual([0.5, 0.5, 3]);
    expect(axisCodes(t2w.affine)).toBe('RAS');
    expect(axisCodes(tse.affine)).toBe('RAS');
    // Same direction of every canonical axis (the files differ: LPS-like vs rows flipped).
    for (const c of [0, 1, 2]) {
      for (const r of [0, 1, 2])
        expect(tse.affine[r * 4 + c]).toBeCloseTo(t2w.affine[r * 4 + c], 4);
    }
  });

  it('show the same anatomy the same way up: middle slices correlate, a flipped one does not', () => {
    // The 16-slice series holds slices 2..17 of the 19-slice one (found by correlating every
    // pair); after reorientation they must agree voxel for voxel.
    let differing = 0;
    for (let k = 0; k < 16; k++) {
      const a = slice(tse, k);
      const b = slice(t2w, k + 2);
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
    }
    expect(differing).toBe(0);
    const same = correlation(slice(t2w, 10), slice(tse, 8));
    const flipped = correlation(slice(t2w, 10), slice(tse, 8, true));
    expect(same).toBeGreaterThan(0.99);
    expect(flipped).toBeLessThan(0.5);
  });

  it('puts the qform-only lesion mask on the 19-slice t2w grid, over dark (T2-hypointense) tissue', () => {
    const [lesion] = load('prostatex/ProstateX-0000_07-07-2011_lesion.nii.gz');
    expect(lesion.sourceType).toBe('uint16');
    expect(lesion.dims).toEqual([384, 384, 19]);
    expect(labelValues(lesion)).toEqual([0, 1]);
    expect(count(lesion, 1)).toBe(512);
    const off = cornerDistance(t2w.dims, lesion.affine, t2w.affine);
    console.info(`lesion vs t2w grid: corners differ by at most ${off.toFixed(4)} mm`);
    expect(() => checkLabel(lesion, t2w, 'lesion.nii.gz')).not.toThrow();
    // Prostate cancer is dark on T2: the aligned mask covers darker voxels than its mirror image.
    let inside = 0;
    let mirrored = 0;
    const [nx, ny] = t2w.dims;
    for (let k = 0; k < 19; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          if (at(lesion, i, j, k) !== 1) continue;
          inside += at(t2w, i, j, k);
          mirrored += at(t2w, i, ny - 1 - j, k);
        }
      }
    }
    expect(inside / 512).toBeLessThan(0.6 * (mirrored / 512));
  });
});
