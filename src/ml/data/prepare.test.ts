import { describe, expect, it } from 'vitest';
import { prepareCase, prepareImages, prepareLabels } from './prepare';

/** A 20 x 10 x 3 volume: value = offset + scale * x, so z-scoring is easy to check. */
function ramp(offset: number, scale: number): Float32Array {
  const v = new Float32Array(20 * 10 * 3);
  for (let i = 0; i < v.length; i++) v[i] = offset + scale * (i % 20);
  return v;
}

describe('slice preparation', () => {
  it('z-scores each channel over its volume, whatever the scanner scale', () => {
    const dims = [20, 10, 3] as const;
    const a = prepareImages([ramp(0, 1)], dims, 20);
    const b = prepareImages([ramp(1000, 37)], dims, 20);
    // Same-size resize is a copy, so the arrays hold the z-scored voxels themselves.
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(sd).toBeCloseTo(1, 4);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 4);
  });

  it('crops the centre at the scan resolution, padding like the darkest voxel', () => {
    // 20 x 10 slices into a 12 x 12 window: x 4..15 of the slice, y -1..10 (two pad rows).
    const dims = [20, 10, 3] as const;
    const full = prepareImages([ramp(0, 1)], dims, 20);
    const crop = prepareImages([ramp(0, 1)], dims, 12, 'crop');
    expect(crop.length).toBe(3 * 12 * 12);
    const darkest = Math.min(...full);
    for (let x = 0; x < 12; x++) {
      expect(crop[x]).toBeCloseTo(darkest, 5);
      expect(crop[12 + x]).toBeCloseTo(full[x + 4], 5);
      expect(crop[11 * 12 + x]).toBeCloseTo(darkest, 5);
    }
    const label = new Uint8Array(20 * 10 * 3);
    label[20 * 5 + 10] = 1;
    const { classes } = prepareLabels(
      label,
      dims,
      12,
      { mode: 'binary', foregroundValues: [1] },
      'crop',
    );
    expect(classes.indexOf(1)).toBe((5 + 1) * 12 + (10 - 4));
  });

  it('resizes every slice to the input size and interleaves channels', () => {
    const dims = [20, 10, 3] as const;
    const out = prepareImages([ramp(0, 1), ramp(5, -2)], dims, 8);
    expect(out.length).toBe(3 * 8 * 8 * 2);
    // Channel 1 is channel 0 negated after z-scoring (scale -2), at every pixel.
    for (let i = 0; i < 8 * 8 * 3; i++) expect(out[i * 2 + 1]).toBeCloseTo(-out[i * 2], 4);
    // Intensity increases along x in every resized row.
    expect(out[(3 * 8 + 7) * 2]).toBeGreaterThan(out[(3 * 8 + 0) * 2]);
  });

  it('resizes labels by nearest neighbour, encodes the target and flags foreground', () => {
    const dims = [20, 10, 3] as const;
    const label = new Float32Array(20 * 10 * 3);
    for (let i = 0; i < 200; i++) label[200 + i] = i % 20 < 10 ? 3 : 5;
    const { classes, foreground } = prepareLabels(label, dims, 16, {
      mode: 'multiclass',
      values: [3, 5],
    });
    expect(foreground).toEqual([false, true, false]);
    const slice = Array.from(classes.subarray(256, 512));
    expect(new Set(slice)).toEqual(new Set([1, 2]));
    expect(slice[0]).toBe(1);
    expect(slice[15]).toBe(2);
    const binary = prepareLabels(label, dims, 16, { mode: 'binary', foregroundValues: [5] });
    expect(binary.classes.subarray(256, 512).filter((v) => v === 1).length).toBe(128);
  });

  it('prepares a whole case and refuses an unlabelled one', () => {
    const c = {
      name: 'x',
      channels: [ramp(0, 1)],
      dims: [20, 10, 3] as const,
      label: new Uint8Array(600).fill(1),
    };
    const p = prepareCase(c, 16, { mode: 'binary', foregroundValues: [1] });
    expect([p.size, p.channels, p.depth, p.images.length, p.classes.length]).toEqual([
      16, 1, 3, 768, 768,
    ]);
    expect(() =>
      prepareCase({ ...c, label: null }, 16, { mode: 'binary', foregroundValues: [1] }),
    ).toThrow(/no label/);
  });
});
