import { describe, it, expect } from 'vitest';
import {
  CONTOUR_COLORS,
  LABEL_TABLE,
  cssColor,
  labelColor,
  labelColormap,
  labelName,
} from './colors';

describe('labelColor', () => {
  it('uses the pelvic table for values 0-5', () => {
    expect(labelColor(5)).toEqual(LABEL_TABLE[5].color);
    expect(labelName(3)).toBe('bladder');
  });

  it('generates distinct, valid colours beyond the table', () => {
    const seen = new Set<string>();
    for (let v = 0; v < 64; v++) {
      const c = labelColor(v);
      expect(c.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)).toBe(true);
      seen.add(c.join(','));
    }
    expect(seen.size).toBe(64);
    expect(labelColor(17)).toEqual(labelColor(17));
    expect(labelName(17)).toBe('label 17');
  });
});

describe('labelColormap', () => {
  it('lists the non-zero classes of a multi-class map in value order', () => {
    const map = labelColormap([5, 0, 1, 3, 3]);
    expect(map?.map((c) => c.value)).toEqual([1, 3, 5]);
    expect(map?.[2]).toEqual({ value: 5, name: 'prostate', color: LABEL_TABLE[5].color });
  });

  it('gives no table to a single-structure mask', () => {
    expect(labelColormap([0, 1])).toBeUndefined();
    expect(labelColormap([0])).toBeUndefined();
  });
});

describe('contour colours', () => {
  it('follow the comparison convention', () => {
    expect(CONTOUR_COLORS.manual).toEqual([255, 255, 0]);
    expect(CONTOUR_COLORS.modelA).toEqual([255, 0, 0]);
    expect(CONTOUR_COLORS.modelB).toEqual([0, 255, 0]);
    expect(cssColor(CONTOUR_COLORS.modelB)).toBe('rgb(0, 255, 0)');
  });
});
