import { describe, expect, it } from 'vitest';
import { splitCases } from './split';

const names = Array.from({ length: 30 }, (_, i) => `case${String(i).padStart(2, '0')}`);

describe('splitCases', () => {
  it('puts every case in exactly one split', () => {
    for (const seed of [1, 2, 3, 99]) {
      const s = splitCases(names, { train: 0.7, val: 0.15, test: 0.15 }, seed);
      const all = [...s.train, ...s.val, ...s.test];
      expect(all.sort()).toEqual([...names].sort());
      expect(new Set(all).size).toBe(names.length);
      expect(s.val).toHaveLength(5);
      expect(s.test).toHaveLength(5);
    }
  });

  it('is deterministic and independent of input order', () => {
    const a = splitCases(names, { train: 0.8, val: 0.2, test: 0 }, 7);
    const b = splitCases([...names].reverse(), { train: 0.8, val: 0.2, test: 0 }, 7);
    expect(a).toEqual(b);
    const c = splitCases(names, { train: 0.8, val: 0.2, test: 0 }, 8);
    expect(c.val).not.toEqual(a.val);
  });

  it('keeps a training case and gives small positive splits one case', () => {
    const s = splitCases(['a', 'b', 'c'], { train: 0.9, val: 0.05, test: 0.05 }, 1);
    expect(s.train).toHaveLength(1);
    expect(s.val).toHaveLength(1);
    expect(s.test).toHaveLength(1);
    const two = splitCases(['a', 'b'], { train: 0.5, val: 0.5, test: 0.5 }, 1);
    expect(two.train).toHaveLength(1);
  });

  it('rejects duplicate names and bad fractions', () => {
    expect(() => splitCases(['a', 'a'], { train: 1, val: 0, test: 0 }, 1)).toThrow(/unique/);
    expect(() => splitCases(['a'], { train: -1, val: 0, test: 0 }, 1)).toThrow(RangeError);
    expect(() => splitCases(['a'], { train: 0, val: 0, test: 0 }, 1)).toThrow(RangeError);
  });
});
