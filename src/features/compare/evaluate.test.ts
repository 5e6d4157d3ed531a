import { describe, expect, it } from 'vitest';
import type { Volume } from '../../io/volume';
import { classesForTarget, evaluateCase, manualMaskVolume } from './evaluate';

function vol(values: number[], dims: [number, number, number]): Volume {
  return {
    dims,
    spacing: [0.5, 0.5, 3],
    data: Float32Array.from(values),
    sourceType: 'uint8',
    affine: [0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1],
  };
}

const timing = { msPerSlice: 2, totalMs: 4, wallMs: 5 };
// Two 2x2 slices. Label: slice 0 has values 1, 2; slice 1 is empty.
const manual = vol([1, 2, 0, 0, 0, 0, 0, 0], [2, 2, 2]);

describe('classesForTarget', () => {
  it('makes one structure of a binary target and one per value of a multi-class one', () => {
    expect(classesForTarget({ mode: 'binary', foregroundValues: [1, 2] })).toEqual([
      { name: 'label 1+2', predictedValues: [1], manualValues: [1, 2] },
    ]);
    expect(
      classesForTarget({ mode: 'multiclass', values: [4, 0, 1, 4] }).map((c) => c.name),
    ).toEqual(['label 1', 'label 4']);
  });

  it('names structures from the label table when given one', () => {
    const names: Record<number, string> = { 1: 'peripheral zone', 2: 'transition zone' };
    const nameOf = (v: number) => names[v] ?? `label ${v}`;
    expect(classesForTarget({ mode: 'binary', foregroundValues: [1, 2] }, nameOf)[0].name).toBe(
      'peripheral zone + transition zone',
    );
    expect(
      classesForTarget({ mode: 'multiclass', values: [2, 1, 3] }, nameOf).map((c) => c.name),
    ).toEqual(['peripheral zone', 'transition zone', 'label 3']);
  });
});

describe('evaluateCase', () => {
  it('scores a binary model against the chosen label values', () => {
    // The model (binary, predicts 1) finds voxel 0 and wrongly voxel 2 and one voxel on slice 1.
    const predicted = vol([1, 0, 1, 0, 0, 1, 0, 0], [2, 2, 2]);
    const e = evaluateCase({
      caseName: 'c',
      split: 'test',
      predicted,
      manual,
      target: { mode: 'binary', foregroundValues: [1, 2] },
      timing,
    });
    expect(e.classes).toHaveLength(1);
    // tp 1, fp 2, fn 1: Dice 2 / 5.
    expect(e.classes[0].dice).toBeCloseTo(0.4, 12);
    expect(e.classes[0].manualMl).toBeCloseTo(2 * 0.75e-3, 12);
    expect(e.slices.map((s) => s.dice)).toEqual([0.5, 0]);
    expect(e.timing).toBe(timing);
    expect(e.dims).toEqual([2, 2, 2]);
  });

  it('scores each class of a multi-class model value for value', () => {
    const predicted = vol([1, 1, 0, 0, 0, 0, 0, 0], [2, 2, 2]);
    const e = evaluateCase({
      caseName: 'c',
      split: 'val',
      predicted,
      manual,
      target: { mode: 'multiclass', values: [1, 2] },
      timing,
    });
    expect(e.classes.map((c) => [c.name, c.dice])).toEqual([
      ['label 1', 2 / 3],
      ['label 2', 0],
    ]);
    expect(e.classes[1].hd95).toBeNull();
    // Per slice, all classes count as foreground: slice 0 is right, slice 1 empty on both.
    expect(e.slices.map((s) => s.dice)).toEqual([1, null]);
  });

  it('refuses a prediction on another grid', () => {
    expect(() =>
      evaluateCase({
        caseName: 'c',
        split: 'test',
        predicted: vol([0, 0, 0, 0], [2, 2, 1]),
        manual,
        target: { mode: 'binary', foregroundValues: [1] },
        timing,
      }),
    ).toThrow(/grid 2x2x1 differs/);
  });
});

describe('manualMaskVolume', () => {
  it('keeps only the chosen label values, as 0/1 on the same grid', () => {
    const m = manualMaskVolume(manual, [2]);
    expect([...m.data]).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    expect(m.affine).toBe(manual.affine);
  });
});
