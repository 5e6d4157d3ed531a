import { describe, it, expect } from 'vitest';
import { focusSlice, foregroundSlices } from './focus-slice';

/** A 2 x 2 x nz label with `value` on every voxel of the listed slices. */
function label(nz: number, slices: Record<number, number>) {
  const data = new Float32Array(4 * nz);
  for (const [k, v] of Object.entries(slices)) data.fill(v, Number(k) * 4, Number(k) * 4 + 4);
  return { dims: [2, 2, nz] as [number, number, number], data };
}

describe('focusSlice', () => {
  it('opens on the middle of the slices that hold the label', () => {
    const l = label(24, Object.fromEntries([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((k) => [k, 1])));
    expect(foregroundSlices(l)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(focusSlice(l, l)).toBe(7);
  });

  it('looks only at the structures being learnt when told which', () => {
    // Body (1) on every slice, prostate (5) on slices 3-6.
    const slices: Record<number, number> = {};
    for (let k = 0; k < 24; k++) slices[k] = k >= 3 && k <= 6 ? 5 : 1;
    const l = label(24, slices);
    expect(focusSlice(l, l)).toBe(11);
    expect(focusSlice(l, l, [5])).toBe(4);
  });

  it('prefers a slice with foreground when the middle one is empty', () => {
    const l = label(20, { 2: 1, 3: 1, 15: 2, 16: 2 });
    expect(focusSlice(l, l)).toBe(3);
  });

  it('opens on the middle of the volume without a usable label', () => {
    const image = { dims: [2, 2, 155] as [number, number, number] };
    expect(focusSlice(image)).toBe(77);
    expect(focusSlice(image, label(155, {}))).toBe(77);
    expect(focusSlice({ dims: [2, 2, 24] }, label(10, { 1: 1 }))).toBe(11);
    expect(focusSlice({ dims: [2, 2, 1] })).toBe(0);
  });
});
