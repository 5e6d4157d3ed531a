import { describe, expect, it } from 'vitest';
import { median, summarize } from './summary';

describe('summarize', () => {
  it('gives mean, median, max and min of the finite values', () => {
    const s = summarize([0.5, 0.9, 0.7, 0.1]);
    expect(s.mean).toBeCloseTo(0.55, 12);
    expect({ ...s, mean: 0 }).toEqual({
      mean: 0,
      median: 0.6,
      max: 0.9,
      min: 0.1,
      n: 4,
      missing: 0,
    });
  });

  it('counts nulls and non-finite values as missing', () => {
    const s = summarize([null, 2, Number.NaN, 4, Infinity]);
    expect(s).toMatchObject({ mean: 3, median: 3, max: 4, min: 2, n: 2, missing: 3 });
  });

  it('is all null without a value', () => {
    expect(summarize([null])).toEqual({
      mean: null,
      median: null,
      max: null,
      min: null,
      n: 0,
      missing: 1,
    });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
