import { describe, it, expect } from 'vitest';
import {
  CONTOUR_COLORS,
  cssColor,
  labelColor,
  labelColormap,
  labelName,
  structureColor,
} from './colors';

describe('labelColor', () => {
  it('generates distinct, valid colours per value', () => {
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

describe('structureColor', () => {
  it('gives a known structure one colour whatever its value', () => {
    expect(structureColor('prostate', 1)).toEqual(structureColor('Prostate ', 5));
    expect(structureColor('prostate', 5)).toEqual(CONTOUR_COLORS.manual);
    expect(structureColor('edema', 1)).toEqual(structureColor('oedema', 2));
    expect(structureColor('enhancing tumour', 4)).not.toEqual(
      structureColor('non-enhancing tumour', 3),
    );
  });

  it('falls back to the value palette for other names', () => {
    expect(structureColor('left atrium', 7)).toEqual(labelColor(7));
  });
});

describe('labelColormap', () => {
  it('lists the non-zero integer classes in value order, named by the caller', () => {
    const names: Record<number, string> = { 1: 'body', 5: 'prostate' };
    const map = labelColormap([5, 0, 1, 3, 3], (v) => ({
      name: names[v] ?? labelName(v),
      color: structureColor(names[v] ?? '', v),
    }));
    expect(map?.map((c) => c.value)).toEqual([1, 3, 5]);
    expect(map?.[2]).toEqual({ value: 5, name: 'prostate', color: [255, 255, 0] });
    expect(map?.[1].name).toBe('label 3');
  });

  it('names a single structure too, and gives no table to empty or fractional maps', () => {
    expect(labelColormap([0, 1])).toEqual([{ value: 1, name: 'label 1', color: labelColor(1) }]);
    expect(labelColormap([0])).toBeUndefined();
    expect(labelColormap([0, 0.37])).toBeUndefined();
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
