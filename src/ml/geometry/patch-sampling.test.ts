import { describe, expect, it } from 'vitest';
import { NO_AUGMENTATION } from '../data/augment';
import { createRng } from '../data/rng';
import { SliceSampler } from '../data/sampler';
import { extractPatch, IDENTITY_PATCH, samplePatchParams } from './augment3d';
import { latticeSites, latticeStep, originFor, tilesOf } from './patch-sites';
import type { PreparedVolume } from './volume';
import type { Vec3 } from './windows';

/** A 40x36x12 volume whose class-1 box spans x 10-17, y 12-19, z 4-7; image = 2 * label + x / 100. */
function boxVolume(): PreparedVolume {
  const dims: [number, number, number] = [40, 36, 12];
  const n = 40 * 36 * 12;
  const classes = new Uint8Array(n);
  const images = new Float32Array(n);
  for (let z = 0; z < 12; z++)
    for (let y = 0; y < 36; y++)
      for (let x = 0; x < 40; x++) {
        const v = (z * 36 + y) * 40 + x;
        classes[v] = x >= 10 && x < 18 && y >= 12 && y < 20 && z >= 4 && z < 8 ? 1 : 0;
        images[v] = 2 * classes[v] + x / 100;
      }
  return { name: 'box', dims, sourceDims: dims, channels: 1, images, classes, pad: -1 };
}

describe('patch sampling', () => {
  const vol = boxVolume();
  const patch: Vec3 = [4, 16, 16];
  const sites = latticeSites(vol.classes as Uint8Array, vol.dims, [1, 2, 2]);

  it('draws foreground and background patch centres with equal probability', () => {
    const share = sites.foreground.filter(Boolean).length / sites.foreground.length;
    expect(share).toBeLessThan(0.05);
    const draw = (classBalanced: boolean) => {
      const sampler = new SliceSampler(
        sites.foreground,
        { dropEmptySlices: false, classBalanced },
        7,
      );
      const drawn = sampler.take(4000);
      return drawn.filter((i) => sites.foreground[i]).length / drawn.length;
    };
    const balanced = draw(true);
    expect(balanced).toBeGreaterThan(0.46);
    expect(balanced).toBeLessThan(0.54);
    expect(draw(false)).toBeLessThan(0.06);
  });

  it('cuts a foreground site’s patch around its foreground centre voxel', () => {
    const fg = sites.voxels.filter((_, i) => sites.foreground[i]);
    for (const v of fg.slice(0, 20)) {
      const origin = originFor(v, vol.dims, patch);
      const { classes } = extractPatch(vol, origin, patch);
      const [z, y, x] = [Math.floor(v / (40 * 36)), Math.floor(v / 40) % 36, v % 40];
      const local = ((z - origin[0]) * 16 + (y - origin[1])) * 16 + (x - origin[2]);
      expect(classes?.[local]).toBe(1);
    }
  });

  it('keeps patches inside the volume where it can, and centres them where it cannot', () => {
    expect(originFor(0, [40, 36, 12], [4, 16, 16])).toEqual([0, 0, 0]);
    expect(originFor(12 * 36 * 40 - 1, [40, 36, 12], [4, 16, 16])).toEqual([8, 20, 24]);
    expect(originFor(0, [40, 36, 2], [4, 16, 16])).toEqual([-1, 0, 0]);
    expect(tilesOf([40, 36, 12], [4, 16, 16])).toBe(3 * 3 * 3);
    expect(latticeStep([16, 64, 64])).toEqual([2, 8, 8]);
  });
});

describe('patch augmentation', () => {
  const vol = boxVolume();
  const patch: Vec3 = [4, 16, 16];
  const origin: Vec3 = [3, 8, 6];

  it('copies the identity patch voxel for voxel, padding outside the volume', () => {
    const { image, classes } = extractPatch(vol, origin, patch);
    expect(image[0]).toBeCloseTo(vol.images[(3 * 36 + 8) * 40 + 6], 6);
    const outside = extractPatch(vol, [10, 30, 30], patch);
    expect(outside.image[outside.image.length - 1]).toBe(-1);
    expect(outside.classes?.[outside.classes.length - 1]).toBe(0);
    expect(classes?.some((c) => c === 1)).toBe(true);
  });

  it('flips image and label together; flipping twice is the identity', () => {
    const flip = { ...IDENTITY_PATCH, flipX: true };
    const a = extractPatch(vol, origin, patch, flip);
    const plain = extractPatch(vol, origin, patch);
    // Row 0 of slice 0, reversed.
    for (let x = 0; x < 16; x++) expect(a.image[x]).toBe(plain.image[15 - x]);
    for (let i = 0; i < a.classes!.length; i++) {
      const inRow = i % 16;
      expect(a.classes![i]).toBe(plain.classes![i - inRow + 15 - inRow]);
    }
  });

  it('rotates and scales image and label through one map, so they stay aligned', () => {
    const p = { ...IDENTITY_PATCH, angle: 0.3, zoom: 1.15 };
    const { image, classes } = extractPatch(vol, origin, patch, p);
    let labelled = 0;
    classes?.forEach((c, i) => {
      if (c === 1) {
        labelled++;
        // Nearest-neighbour labels sit where the trilinear image is at least half bright.
        expect(image[i]).toBeGreaterThan(0.9);
      }
    });
    expect(labelled).toBeGreaterThan(0);
    const plain = extractPatch(vol, origin, patch);
    expect(Array.from(image)).not.toEqual(Array.from(plain.image));
  });

  it('scales and shifts intensities, and draws the same transforms from the same seed', () => {
    const shifted = extractPatch(vol, origin, patch, { ...IDENTITY_PATCH, scale: 2, shift: 1 });
    const plain = extractPatch(vol, origin, patch);
    expect(shifted.image[5]).toBeCloseTo(plain.image[5] * 2 + 1, 6);
    const config = {
      ...NO_AUGMENTATION,
      flipX: true,
      rotationDeg: 10,
      zoom: 0.1,
      intensityScale: 0.1,
    };
    const draws = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => samplePatchParams(config, rng));
    };
    expect(draws(3)).toEqual(draws(3));
    for (const d of draws(4)) {
      expect(Math.abs(d.angle)).toBeLessThanOrEqual((10 * Math.PI) / 180);
      expect(d.zoom).toBeGreaterThanOrEqual(0.9);
      expect(d.zoom).toBeLessThanOrEqual(1.1);
      expect(d.flipY).toBe(false);
    }
  });
});
