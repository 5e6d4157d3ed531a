import { describe, expect, it } from 'vitest';
import { CONTOUR_COLORS } from '../viewer/colors';
import { MAX_COMPARED, sideColor, sideColorName, sideLetter } from './model-colors';

describe('model colours', () => {
  it('keeps A red and B green, and gives every compared model its own colour', () => {
    expect(sideColor(0)).toEqual(CONTOUR_COLORS.modelA);
    expect(sideColor(1)).toEqual(CONTOUR_COLORS.modelB);
    expect([sideLetter(0), sideLetter(2)]).toEqual(['A', 'C']);
    const colours = Array.from({ length: MAX_COMPARED }, (_, i) => sideColor(i).join());
    expect(new Set(colours).size).toBe(MAX_COMPARED);
    expect(colours).not.toContain(CONTOUR_COLORS.manual.join());
    expect(sideColorName(2)).toBe('blue');
  });
});
