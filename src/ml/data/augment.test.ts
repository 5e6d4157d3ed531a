import { describe, expect, it } from 'vitest';
import { applyAugment, IDENTITY_PARAMS, sampleAugmentParams, type Sample } from './augment';
import { createRng } from './rng';

/** A 32x32 two-channel sample with an off-centre disc as label and image = label + ramp. */
function discSample(): Sample {
  const size = 32;
  const classes = new Uint8Array(size * size);
  const image = new Float32Array(size * size * 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      classes[i] = (x - 12) ** 2 + (y - 18) ** 2 < 36 ? 1 : 0;
      image[i * 2] = classes[i];
      image[i * 2 + 1] = x / size;
    }
  }
  return { image, classes, size, channels: 2 };
}

describe('augmentation', () => {
  it('flipping twice gives back the sample exactly', () => {
    const s = discSample();
    const p = { ...IDENTITY_PARAMS, flipX: true, flipY: true };
    const once = applyAugment(s, p);
    expect(once.classes).not.toEqual(s.classes);
    const twice = applyAugment(once, p);
    expect(twice.image).toEqual(s.image);
    expect(twice.classes).toEqual(s.classes);
  });

  it('a left-right flip mirrors columns', () => {
    const s = discSample();
    const f = applyAugment(s, { ...IDENTITY_PARAMS, flipX: true });
    expect(f.image[(5 * 32 + 0) * 2 + 1]).toBe(s.image[(5 * 32 + 31) * 2 + 1]);
  });

  it('keeps image and label aligned under rotation, translation and zoom', () => {
    const s = discSample();
    const rng = createRng(3);
    const config = {
      flipX: true,
      flipY: true,
      rotationDeg: 30,
      translation: 0.1,
      zoom: 0.2,
      intensityScale: 0,
      intensityShift: 0,
    };
    for (let trial = 0; trial < 20; trial++) {
      const p = sampleAugmentParams(config, s.size, rng);
      const a = applyAugment(s, p);
      // The label stays binary, and the warped label-valued image channel agrees with it.
      expect(a.classes.every((v) => v === 0 || v === 1)).toBe(true);
      let disagree = 0;
      for (let i = 0; i < a.classes.length; i++)
        if (a.image[i * 2] >= 0.5 !== (a.classes[i] === 1)) disagree++;
      expect(disagree / a.classes.length).toBeLessThan(0.02);
      const area = a.classes.reduce((n, v) => n + v, 0);
      expect(area).toBeGreaterThan(50);
    }
  });

  it('rotating by 90 degrees moves the disc where it should go', () => {
    const s = discSample();
    const r = applyAugment(s, { ...IDENTITY_PARAMS, angle: Math.PI / 2 });
    // Output (x, y) samples source (c + (y - c), c - (x - c)) with c = 15.5.
    const c = 15.5;
    for (const [x, y] of [
      [13, 12],
      [20, 5],
      [2, 30],
    ]) {
      const sx = Math.round(c + (y - c));
      const sy = Math.round(c - (x - c));
      expect(r.classes[y * 32 + x]).toBe(s.classes[sy * 32 + sx]);
    }
    expect(r.classes.reduce((n, v) => n + v, 0)).toBe(s.classes.reduce((n, v) => n + v, 0));
  });

  it('scales and shifts intensities but not labels', () => {
    const s = discSample();
    const a = applyAugment(s, { ...IDENTITY_PARAMS, scale: 2, shift: -1 });
    expect(a.image[1]).toBeCloseTo(s.image[1] * 2 - 1, 6);
    expect(a.classes).toEqual(s.classes);
  });

  it('draws the same transforms from the same seed, and identity when disabled', () => {
    const cfg = {
      flipX: true,
      flipY: false,
      rotationDeg: 10,
      translation: 0.05,
      zoom: 0.1,
      intensityScale: 0.1,
      intensityShift: 0.1,
    };
    expect(sampleAugmentParams(cfg, 64, createRng(1))).toEqual(
      sampleAugmentParams(cfg, 64, createRng(1)),
    );
    const none = {
      flipX: false,
      flipY: false,
      rotationDeg: 0,
      translation: 0,
      zoom: 0,
      intensityScale: 0,
      intensityShift: 0,
    };
    expect(sampleAugmentParams(none, 64, createRng(1))).toEqual(IDENTITY_PARAMS);
  });
});
