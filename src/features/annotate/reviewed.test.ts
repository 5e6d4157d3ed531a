import { describe, expect, it } from 'vitest';
import { isReviewed, markReviewed, reviewedCount, sameReviewed, toggleReviewed } from './reviewed';

describe('reviewed slices', () => {
  it('counts every slice of a complete label and only the listed ones otherwise', () => {
    expect(isReviewed(null, 3)).toBe(true);
    expect(isReviewed([1, 2], 3)).toBe(false);
    expect(reviewedCount(null, 5)).toBe(5);
    expect(reviewedCount([0, 4, 9], 5)).toBe(2);
  });

  it('adds drawn slices to a partial review, and a complete review stays complete', () => {
    expect(markReviewed([], [3, 1, 3], 5)).toEqual([1, 3]);
    expect(markReviewed([1, 3], [0, 2, 4], 5)).toBeNull();
    expect(markReviewed(null, [2], 5)).toBeNull();
  });

  it('switches one slice, from a complete label too', () => {
    expect(toggleReviewed(null, 2, 4)).toEqual([0, 1, 3]);
    expect(toggleReviewed([0, 1, 3], 2, 4)).toBeNull();
    expect(toggleReviewed([1], 1, 4)).toEqual([]);
    expect(sameReviewed([1, 2], [1, 2])).toBe(true);
    expect(sameReviewed(null, undefined)).toBe(true);
    expect(sameReviewed([], null)).toBe(false);
  });
});
