import { describe, expect, it } from 'vitest';
import { SliceSampler } from './sampler';

// 10 foreground slices among 100: the prostate's share of a PROMISE12 volume.
const flags = Array.from({ length: 100 }, (_, i) => i % 10 === 3);

describe('SliceSampler', () => {
  it('draws foreground and background slices equally when class-balanced', () => {
    const s = new SliceSampler(flags, { dropEmptySlices: false, classBalanced: true }, 5);
    const draws = s.take(4000);
    const fg = draws.filter((i) => flags[i]).length / draws.length;
    expect(s.balanced).toBe(true);
    expect(fg).toBeGreaterThan(0.46);
    expect(fg).toBeLessThan(0.54);
  });

  it('follows the natural ratio without balancing and covers every slice each pass', () => {
    const s = new SliceSampler(flags, { dropEmptySlices: false, classBalanced: false }, 5);
    const pass = s.take(100);
    expect(new Set(pass).size).toBe(100);
    expect(pass.filter((i) => flags[i]).length).toBe(10);
  });

  it('drops slices without foreground', () => {
    const s = new SliceSampler(flags, { dropEmptySlices: true, classBalanced: true }, 5);
    expect(s.size).toBe(10);
    expect(s.balanced).toBe(false);
    expect(s.take(50).every((i) => flags[i])).toBe(true);
  });

  it('does not balance when one class is missing, and fails with nothing to draw', () => {
    const none = new Array<boolean>(20).fill(false);
    const s = new SliceSampler(none, { dropEmptySlices: false, classBalanced: true }, 1);
    expect(s.balanced).toBe(false);
    expect(s.take(5)).toHaveLength(5);
    expect(
      () => new SliceSampler(none, { dropEmptySlices: true, classBalanced: false }, 1),
    ).toThrow(/foreground/);
  });

  it('is reproducible from its seed', () => {
    const cfg = { dropEmptySlices: false, classBalanced: true };
    expect(new SliceSampler(flags, cfg, 9).take(50)).toEqual(
      new SliceSampler(flags, cfg, 9).take(50),
    );
    expect(new SliceSampler(flags, cfg, 9).take(50)).not.toEqual(
      new SliceSampler(flags, cfg, 10).take(50),
    );
  });
});
