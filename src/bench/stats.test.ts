import { describe, expect, it } from 'vitest';
import { median, steadyStepMs, summarize } from './stats';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarize', () => {
  it('leaves out null and non-finite values', () => {
    expect(summarize([0.5, null, 0.9, Number.NaN, 0.1, Number.POSITIVE_INFINITY])).toEqual({
      mean: 0.5,
      median: 0.5,
      min: 0.1,
      max: 0.9,
      n: 3,
    });
  });

  it('is all NaN with n = 0 when nothing is left', () => {
    const s = summarize([null, Number.NaN]);
    expect(s.n).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.max).toBeNaN();
  });
});

describe('steadyStepMs', () => {
  it('drops the warm-up steps, which pay for compilation', () => {
    expect(steadyStepMs([9000, 100, 120, 110], 1)).toBe(110);
    expect(steadyStepMs([9000, 5000, 100, 120], 2)).toBe(110);
  });

  it('falls back to every step when the run is no longer than its warm-up', () => {
    expect(steadyStepMs([300], 1)).toBe(300);
  });
});
