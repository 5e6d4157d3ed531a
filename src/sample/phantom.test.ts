import { describe, it, expect } from 'vitest';
import type { Volume } from '../io/volume';
import {
  generatePhantomCase,
  generatePhantomDataset,
  PHANTOM_LABELS,
  PHANTOM_PROSTATE_VALUE,
} from '.';
import type { PhantomCase } from '.';

const LAB = { bone: 2, bladder: 3, rectum: 4, prostate: PHANTOM_PROSTATE_VALUE };
const dataset = generatePhantomDataset(8);

/** Voxel count and centroid (i, j, k) of one label value. */
function region(label: Volume, value: number) {
  const [nx, ny] = label.dims;
  let n = 0;
  const sum = [0, 0, 0];
  label.data.forEach((v, o) => {
    if (v !== value) return;
    n++;
    sum[0] += o % nx;
    sum[1] += Math.floor(o / nx) % ny;
    sum[2] += Math.floor(o / (nx * ny));
  });
  return { n, centroid: sum.map((s) => s / n) };
}

/** Slices (k) holding at least one voxel of the value. */
function slicesWith(label: Volume, value: number): number[] {
  const [nx, ny, nz] = label.dims;
  const out: number[] = [];
  for (let k = 0; k < nz; k++) {
    if (label.data.subarray(k * nx * ny, (k + 1) * nx * ny).includes(value)) out.push(k);
  }
  return out;
}

function meanWhere(c: PhantomCase, keep: (label: number, o: number) => boolean): number {
  let sum = 0;
  let n = 0;
  c.label.data.forEach((v, o) => {
    if (!keep(v, o)) return;
    sum += c.image.data[o];
    n++;
  });
  return sum / n;
}

/** Voxels within `r` voxels in-plane of the prostate but outside it. */
function ringAroundProstate(c: PhantomCase, r: number): Uint8Array {
  const [nx, ny] = c.label.dims;
  const ring = new Uint8Array(c.label.data.length);
  c.label.data.forEach((v, o) => {
    if (v !== LAB.prostate) return;
    const i = o % nx;
    const j = Math.floor(o / nx) % ny;
    for (let dj = -r; dj <= r; dj++) {
      for (let di = -r; di <= r; di++) {
        const p = o + dj * nx + di;
        const inside = i + di >= 0 && i + di < nx && j + dj >= 0 && j + dj < ny;
        if (inside && c.label.data[p] !== LAB.prostate) ring[p] = 1;
      }
    }
  });
  return ring;
}

describe('generatePhantomCase', () => {
  it('gives identical bytes for the same index and different bytes for another', () => {
    const a = generatePhantomCase(3);
    const b = generatePhantomCase(3);
    expect(Buffer.from(a.image.data.buffer).equals(Buffer.from(b.image.data.buffer))).toBe(true);
    expect(Buffer.from(a.label.data.buffer).equals(Buffer.from(b.label.data.buffer))).toBe(true);
    const other = dataset[4];
    expect(Buffer.from(a.image.data.buffer).equals(Buffer.from(other.image.data.buffer))).toBe(
      false,
    );
    // Generating a whole dataset does not disturb any single case.
    expect(Buffer.from(dataset[3].image.data.buffer).equals(Buffer.from(a.image.data.buffer))).toBe(
      true,
    );
  });

  it('describes a 128 x 128 x 24 grid of 1.5 x 1.5 x 3 mm centred on the world origin', () => {
    const { image, label, name } = dataset[0];
    expect(name).toBe('phantom_00');
    expect(image.dims).toEqual([128, 128, 24]);
    expect(image.spacing).toEqual([1.5, 1.5, 3]);
    expect(image.sourceType).toBe('int16');
    expect(label.sourceType).toBe('uint8');
    expect(label.dims).toEqual(image.dims);
    expect(label.affine).toEqual(image.affine);
    const a = image.affine;
    expect([a[0], a[5], a[10], a[15]]).toEqual([1.5, 1.5, 3, 1]);
    expect([a[1], a[2], a[4], a[6], a[8], a[9], a[12], a[13], a[14]]).toEqual(Array(9).fill(0));
    // The world position of the grid centre, (dims - 1) / 2, is the origin.
    expect(a[3] + 1.5 * 63.5).toBeCloseTo(0);
    expect(a[7] + 1.5 * 63.5).toBeCloseTo(0);
    expect(a[11] + 3 * 11.5).toBeCloseTo(0);
  });

  it('keeps the field of view when the grid is coarser', () => {
    const small = generatePhantomCase(2, { size: 64, slices: 12 });
    expect(small.image.dims).toEqual([64, 64, 12]);
    expect(small.image.spacing).toEqual([3, 3, 6]);
    const mm3 = (c: PhantomCase) =>
      region(c.label, LAB.prostate).n * c.label.spacing.reduce((p, s) => p * s, 1);
    expect(mm3(small) / mm3(dataset[2])).toBeGreaterThan(0.75);
    expect(mm3(small) / mm3(dataset[2])).toBeLessThan(1.33);
  });

  it('rejects invalid indices and grids', () => {
    expect(() => generatePhantomCase(-1)).toThrow(RangeError);
    expect(() => generatePhantomCase(1.5)).toThrow(RangeError);
    expect(() => generatePhantomCase(0, { size: 8 })).toThrow(RangeError);
    expect(() => generatePhantomCase(0, { slices: 2 })).toThrow(RangeError);
    expect(() => generatePhantomDataset(-2)).toThrow(RangeError);
  });

  it('stores int16-range integers, with several centres scaling intensities differently', () => {
    const maxima = dataset.map((c) => c.image.data.reduce((m, v) => Math.max(m, v), 0));
    for (const c of dataset) {
      expect(c.image.data.every((v) => Number.isInteger(v) && v >= 0 && v <= 32767)).toBe(true);
    }
    expect(Math.max(...maxima)).toBeLessThan(2500);
    expect(Math.max(...maxima) / Math.min(...maxima)).toBeGreaterThan(1.3);
  });
});

describe('phantom anatomy', () => {
  it('labels every structure in every case, with the documented values', () => {
    expect(Object.keys(PHANTOM_LABELS).map(Number)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(PHANTOM_LABELS[PHANTOM_PROSTATE_VALUE].name).toBe('prostate');
    for (const c of dataset) {
      expect([...new Set(c.label.data)].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it('varies prostate size and position across cases', () => {
    const regions = dataset.map((c) => region(c.label, LAB.prostate));
    const sizes = regions.map((r) => r.n);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeGreaterThan(2);
    for (const axis of [0, 1, 2]) {
      const values = regions.map((r) => r.centroid[axis]);
      expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1.5);
    }
  });

  it('puts the prostate on a contiguous middle slab, the bladder above, the rectum behind', () => {
    for (const c of dataset) {
      const slab = slicesWith(c.label, LAB.prostate);
      const nz = c.label.dims[2];
      expect(slab.length).toBeGreaterThanOrEqual(5);
      expect(slab[slab.length - 1] - slab[0]).toBe(slab.length - 1);
      expect(slab[0]).toBeGreaterThan(0);
      expect(slab[slab.length - 1]).toBeLessThan(nz - 1);
      const prostate = region(c.label, LAB.prostate).centroid;
      const bladder = slicesWith(c.label, LAB.bladder);
      expect(bladder[0]).toBeGreaterThan(prostate[2]);
      expect(bladder[bladder.length - 1]).toBe(nz - 1);
      expect(region(c.label, LAB.bladder).centroid[1]).toBeGreaterThan(prostate[1]);
      // j increases toward anterior: the rectum sits at a smaller j.
      expect(region(c.label, LAB.rectum).centroid[1]).toBeLessThan(prostate[1] - 10);
    }
  });

  it('gives the prostate its own signal, distinct from bladder, rectum and surroundings', () => {
    for (const c of dataset) {
      const prostate = meanWhere(c, (v) => v === LAB.prostate);
      const bladder = meanWhere(c, (v) => v === LAB.bladder);
      const rectum = meanWhere(c, (v) => v === LAB.rectum);
      const ring = ringAroundProstate(c, 2);
      const around = meanWhere(c, (_v, o) => ring[o] === 1);
      expect(bladder / prostate).toBeGreaterThan(1.3);
      expect(Math.abs(prostate - rectum) / prostate).toBeGreaterThan(0.1);
      expect(Math.abs(prostate - around) / prostate).toBeGreaterThan(0.1);
    }
  });

  it('is not separable from the rest by an intensity window alone', () => {
    for (const c of dataset) {
      // Best Dice of any window [a, b] on a 128-bin histogram of the whole volume.
      const max = c.image.data.reduce((m, v) => Math.max(m, v), 1);
      const bins = 128;
      const all = new Float64Array(bins);
      const gland = new Float64Array(bins);
      c.image.data.forEach((v, o) => {
        const b = Math.min(bins - 1, Math.floor((v / max) * bins));
        all[b]++;
        if (c.label.data[o] === LAB.prostate) gland[b]++;
      });
      const total = gland.reduce((s, x) => s + x, 0);
      let best = 0;
      for (let a = 0; a < bins; a++) {
        let tp = 0;
        let n = 0;
        for (let b = a; b < bins; b++) {
          tp += gland[b];
          n += all[b];
          best = Math.max(best, (2 * tp) / (n + total));
        }
      }
      expect(best).toBeLessThan(0.5);
    }
  });

  it('adds Rician noise: non-zero signal in the air and spread inside uniform urine', () => {
    for (const c of dataset) {
      const air = c.image.data.filter((_v, o) => c.label.data[o] === 0);
      const airMean = air.reduce((s, v) => s + v, 0) / air.length;
      expect(airMean).toBeGreaterThan(5);
      expect(air.some((v) => v === 0) && air.some((v) => v > airMean * 2)).toBe(true);
    }
    const c = dataset[0];
    const [nx, ny, nz] = c.image.dims;
    const k = nz - 1;
    const urine: number[] = [];
    const centre = region(c.label, LAB.bladder).centroid;
    for (let j = Math.round(centre[1]) - 3; j <= Math.round(centre[1]) + 3; j++) {
      for (let i = Math.round(centre[0]) - 3; i <= Math.round(centre[0]) + 3; i++) {
        urine.push(c.image.data[i + nx * (j + ny * k)]);
      }
    }
    const mean = urine.reduce((s, v) => s + v, 0) / urine.length;
    const sd = Math.sqrt(urine.reduce((s, v) => s + (v - mean) ** 2, 0) / urine.length);
    expect(sd).toBeGreaterThan(5);
  });
});
