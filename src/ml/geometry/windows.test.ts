import { describe, expect, it } from 'vitest';
import {
  WindowBlender,
  halfStride,
  windowOrigins,
  windowStarts,
  windowWeights,
  type Vec3,
} from './windows';

describe('window placement', () => {
  it('steps by the stride and ends flush with the volume', () => {
    expect(windowStarts(128, 64, 32)).toEqual([0, 32, 64]);
    expect(windowStarts(100, 64, 32)).toEqual([0, 32, 36]);
    expect(windowStarts(64, 64, 32)).toEqual([0]);
    expect(windowStarts(10, 16, 8)).toEqual([0]);
    expect(windowStarts(32, 16, 8)).toEqual([0, 8, 16]);
  });

  it('covers every voxel of a grid, with half-patch strides by default', () => {
    const dims: Vec3 = [100, 70, 19];
    const patch: Vec3 = [16, 64, 64];
    const stride = halfStride(patch);
    expect(stride).toEqual([8, 32, 32]);
    const origins = windowOrigins(dims, patch, stride);
    // x: 0, 32, 36; y: 0, 6; z: 0, 3.
    expect(origins).toHaveLength(3 * 2 * 2);
    const covered = new Uint8Array(100 * 70 * 19);
    for (const [z0, y0, x0] of origins)
      for (let z = z0; z < Math.min(19, z0 + 16); z++)
        for (let y = y0; y < y0 + 64; y++)
          for (let x = x0; x < x0 + 64; x++) covered[(z * 70 + y) * 100 + x] = 1;
    expect(covered.every((c) => c === 1)).toBe(true);
  });
});

describe('window weights', () => {
  it('are uniform, or a Gaussian peaking at the centre and positive at the corners', () => {
    expect(windowWeights([2, 3, 3], false).every((w) => w === 1)).toBe(true);
    const g = windowWeights([3, 5, 5], true);
    const centre = (1 * 5 + 2) * 5 + 2;
    expect(g[centre]).toBeCloseTo(1, 6);
    expect(Math.max(...g)).toBe(g[centre]);
    expect(g[0]).toBeGreaterThanOrEqual(1e-3);
    expect(g[0]).toBeLessThan(g[centre]);
  });
});

describe('blending', () => {
  /** Blends windows of a model that predicts `value(window index)` everywhere. */
  function blendConstant(gaussian: boolean, value: (i: number) => number[]): Float32Array {
    const dims: Vec3 = [20, 13, 7];
    const patch: Vec3 = [4, 8, 8];
    const origins = windowOrigins(dims, patch, halfStride(patch));
    const blender = new WindowBlender(dims, 2, patch, windowWeights(patch, gaussian));
    origins.forEach((o, i) => {
      const probs = new Float32Array(4 * 8 * 8 * 2);
      for (let v = 0; v < 4 * 8 * 8; v++) [probs[2 * v], probs[2 * v + 1]] = value(i);
      blender.add(probs, 0, o);
    });
    return blender.result();
  }

  for (const gaussian of [false, true]) {
    it(`a constant-prediction model gives the constant everywhere (${gaussian ? 'Gaussian' : 'uniform'} weights)`, () => {
      const out = blendConstant(gaussian, () => [0.25, 0.75]);
      const voxels = 20 * 13 * 7;
      for (let v = 0; v < voxels; v++) {
        expect(out[v]).toBeCloseTo(0.25, 6);
        expect(out[voxels + v]).toBeCloseTo(0.75, 6);
      }
    });
  }

  it('averages overlapping windows with equal weights', () => {
    const dims: Vec3 = [12, 1, 1];
    const patch: Vec3 = [1, 1, 8];
    const blender = new WindowBlender(dims, 1, patch, windowWeights(patch, false));
    // Windows at x = 0 and x = 4: predictions 0 and 1; x in 4..7 is covered by both.
    blender.add(new Float32Array(8).fill(0), 0, [0, 0, 0]);
    blender.add(new Float32Array(8).fill(1), 0, [0, 0, 4]);
    expect(Array.from(blender.result())).toEqual([0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1]);
  });

  it('drops the padded part of a window larger than the volume', () => {
    const blender = new WindowBlender([3, 2, 1], 1, [2, 4, 4], windowWeights([2, 4, 4], true));
    const probs = Float32Array.from({ length: 32 }, (_, i) => i);
    blender.add(probs, 0, [0, 0, 0]);
    const out = blender.result();
    [0, 1, 2, 4, 5, 6].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });
});
