import { describe, expect, it } from 'vitest';
import {
  EMPTY_MASK_RULES,
  maskOf,
  scoreLabelMaps,
  scoreMasks,
  sliceScores,
  summarizeScores,
  worstSlices,
  type Grid3,
} from './metrics';

const u8 = (...v: number[]) => Uint8Array.from(v);

describe('scoreMasks', () => {
  it('scores a hand-computed line: tp 1, fp 1, fn 1, tn 1', () => {
    // Voxels are 1 x 2 x 5 mm = 10 mm³ = 0.01 mL.
    const s = scoreMasks(u8(1, 1, 0, 0), u8(0, 1, 1, 0), [4, 1, 1], [1, 2, 5]);
    expect(s.dice).toBe(0.5);
    expect(s.iou).toBeCloseTo(1 / 3, 12);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.accuracy).toBe(0.5);
    expect(s.predictedMl).toBeCloseTo(0.02, 12);
    expect(s.manualMl).toBeCloseTo(0.02, 12);
    expect([s.predictedVoxels, s.manualVoxels]).toEqual([2, 2]);
    // Every voxel of a one-voxel-thick line is surface: distances 1, 0 and 0, 1 (mm along i).
    expect(s.assd).toBeCloseTo(0.5, 12);
    expect(s.hausdorff).toBe(1);
    expect(s.hd95).toBe(1);
  });

  it('gives a perfect score when both masks are empty', () => {
    const s = scoreMasks(new Uint8Array(8), new Uint8Array(8), [2, 2, 2], [1, 1, 1]);
    expect(s).toMatchObject({ dice: 1, iou: 1, precision: 1, recall: 1, accuracy: 1 });
    expect(s).toMatchObject({ hd95: 0, assd: 0, predictedMl: 0, manualMl: 0 });
  });

  it('scores 0 with undefined distances when only one mask is empty', () => {
    const dims: Grid3 = [2, 2, 2];
    const one = new Uint8Array(8);
    one[5] = 1;
    for (const [p, t] of [
      [one, new Uint8Array(8)],
      [new Uint8Array(8), one],
    ]) {
      const s = scoreMasks(p, t, dims, [1, 1, 1]);
      expect(s).toMatchObject({ dice: 0, iou: 0, precision: 0, recall: 0, hd95: null, assd: null });
      expect(s.accuracy).toBe(7 / 8);
    }
  });

  it('scores one-voxel masks: same voxel perfect, neighbours 0 Dice at one spacing apart', () => {
    const dims: Grid3 = [3, 3, 3];
    const a = new Uint8Array(27);
    a[13] = 1;
    const b = new Uint8Array(27);
    b[13 + 9] = 1;
    expect(scoreMasks(a, a, dims, [0.5, 0.5, 3])).toMatchObject({ dice: 1, hd95: 0, assd: 0 });
    expect(scoreMasks(a, b, dims, [0.5, 0.5, 3])).toMatchObject({ dice: 0, hd95: 3, assd: 3 });
  });
});

describe('scoreLabelMaps', () => {
  it('scores each structure of a multi-class map on its own', () => {
    const classes = [
      { name: 'one', predictedValues: [1], manualValues: [1] },
      { name: 'two', predictedValues: [2], manualValues: [2] },
      { name: 'both', predictedValues: [1, 2], manualValues: [1, 2] },
    ];
    const s = scoreLabelMaps(u8(0, 1, 2, 2), u8(0, 1, 1, 2), [4, 1, 1], [1, 1, 1], classes);
    expect(s.map((c) => c.name)).toEqual(['one', 'two', 'both']);
    expect(s[0].dice).toBeCloseTo(2 / 3, 12);
    expect(s[1].dice).toBeCloseTo(2 / 3, 12);
    expect(s[2].dice).toBe(1);
  });

  it('maps raw label values (rounded) to a mask', () => {
    expect([...maskOf(Float32Array.from([0, 0.99, 2, 3.2, 5]), [1, 3])]).toEqual([0, 1, 0, 1, 0]);
  });
});

describe('sliceScores and worstSlices', () => {
  // 2x2 slices: k0 both empty, k1 perfect, k2 prediction empty, k3 half right.
  const dims: Grid3 = [2, 2, 4];
  const predicted = u8(0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0);
  const truth = u8(0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0);

  it('gives per-slice Dice, null where both are empty', () => {
    const s = sliceScores(predicted, truth, dims, [1, 1, 1]);
    expect(s.map((x) => x.dice)).toEqual([null, 1, 0, 2 / 3]);
    expect(s.map((x) => [x.predictedVoxels, x.manualVoxels])).toEqual([
      [0, 0],
      [2, 2],
      [0, 2],
      [2, 1],
    ]);
    expect(s.every((x) => x.hd95 === null)).toBe(true);
  });

  it('adds in-plane HD95 when asked', () => {
    // k3: distances 0 and 0.5 mm from the prediction, 0 from the label; pooled 0, 0, 0.5
    // puts the 95th percentile at rank 1.9: 0.9 * 0.5 mm.
    const s = sliceScores(predicted, truth, dims, [0.5, 1, 3], { distances: true });
    expect(s.map((x) => x.hd95)).toEqual([null, 0, null, expect.closeTo(0.45, 9) as number]);
  });

  it('lists the lowest Dice first and skips empty slices', () => {
    const worst = worstSlices(sliceScores(predicted, truth, dims, [1, 1, 1]), 5);
    expect(worst.map((x) => x.k)).toEqual([2, 3, 1]);
    expect(worstSlices(sliceScores(predicted, truth, dims, [1, 1, 1]), 1).map((x) => x.k)).toEqual([
      2,
    ]);
  });
});

describe('summarizeScores', () => {
  it('reports mean, median and max per metric, leaving undefined distances out', () => {
    const dims: Grid3 = [4, 1, 1];
    const cases = [
      scoreMasks(u8(1, 1, 0, 0), u8(0, 1, 1, 0), dims, [1, 1, 1]),
      scoreMasks(u8(1, 1, 0, 0), u8(1, 1, 0, 0), dims, [1, 1, 1]),
      scoreMasks(u8(0, 0, 0, 0), u8(1, 0, 0, 0), dims, [1, 1, 1]),
    ];
    const s = summarizeScores(cases);
    expect(s.dice.mean).toBeCloseTo(0.5, 12);
    expect(s.dice.median).toBe(0.5);
    expect(s.dice.max).toBe(1);
    expect(s.dice.n).toBe(3);
    expect(s.hd95).toMatchObject({ n: 2, missing: 1, max: 1, min: 0 });
    expect(s.manualMl.mean).toBeCloseTo((2 + 2 + 1) / 3 / 1000, 12);
  });
});

describe('EMPTY_MASK_RULES', () => {
  it('states the rule the functions follow', () => {
    expect(EMPTY_MASK_RULES).toMatch(/both empty, Dice, IoU, precision and recall are 1/);
    expect(EMPTY_MASK_RULES).toMatch(/n\/a/);
  });
});
