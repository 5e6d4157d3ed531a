import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../ml/types';
import { changedSlices, sliceOf, withSlices } from './label-slices';

const DIMS: Dims3 = [3, 2, 4];

describe('label slices', () => {
  it('finds the slices an edit changed, against a label or against none', () => {
    const before = new Float32Array(24);
    before[7] = 1; // slice 1
    const after = Uint8Array.from(before);
    after[7] = 0;
    after[20] = 2; // slice 3
    expect(changedSlices(before, after, DIMS)).toEqual([1, 3]);
    expect(changedSlices(null, after, DIMS)).toEqual([3]);
    expect(changedSlices(before, Uint8Array.from(before), DIMS)).toEqual([]);
    expect(() => changedSlices(null, new Uint8Array(5), DIMS)).toThrow(/3x2x4/);
  });

  it('cuts slices out and writes them back into a copy', () => {
    const label = Float32Array.from({ length: 24 }, (_, i) => i % 3);
    const s = sliceOf(label, DIMS, 2);
    expect(Array.from(s.data)).toEqual([0, 1, 2, 0, 1, 2]);
    const patched = withSlices(label, DIMS, [{ z: 0, data: new Uint8Array(6).fill(5) }]);
    expect(Array.from(patched.subarray(0, 6))).toEqual([5, 5, 5, 5, 5, 5]);
    expect(Array.from(patched.subarray(6))).toEqual(Array.from(label.subarray(6)));
    expect(label[0]).toBe(0);
    expect(Array.from(withSlices(null, DIMS, []))).toEqual(new Array(24).fill(0));
  });
});
