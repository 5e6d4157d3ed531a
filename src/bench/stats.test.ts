import { describe, expect, it } from 'vitest';
import { median, steadyStepMs, summarize, transferStats } from './stats';

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

describe('transferStats', () => {
  const at = (step: number, readbacks: number, programs: number) => ({
    step,
    transfers: { readbacks, programs },
  });
  it('counts read-backs per step and new programs after the warm-up step', () => {
    const reports = [at(1, 3, 40), at(2, 4, 41), at(3, 5, 41), at(4, 6, 41)];
    expect(transferStats(reports, 1)).toEqual({
      readbacksPerStep: 1,
      newPrograms: 1,
      programs: 41,
    });
    expect(transferStats(reports, 2)).toEqual({
      readbacksPerStep: 1,
      newPrograms: 0,
      programs: 41,
    });
  });
  it('spreads read-backs over the steps between sparse reports', () => {
    const reports = [at(4, 10, 7), at(8, 11, 7), at(12, 12, 7)];
    expect(transferStats(reports, 2)?.readbacksPerStep).toBe(0.25);
  });
  it('is null without counts or without two reports after the warm-up', () => {
    expect(
      transferStats(
        [
          { step: 1, transfers: null },
          { step: 2, transfers: null },
        ],
        1,
      ),
    ).toBeNull();
    expect(transferStats([at(1, 1, 1), at(2, 2, 1)], 2)).toBeNull();
  });
});
