import { describe, it, expect } from 'vitest';
import { formatValue, formatValues } from './format-value';

describe('formatValue', () => {
  it('drops float32 noise', () => {
    expect(formatValue(Math.fround(0.37))).toBe('0.37');
    expect(String(Math.fround(0.37))).toBe('0.3700000047683716');
    expect(formatValue(Math.fround(-1.1))).toBe('-1.1');
    expect(formatValue(Math.fround(1234.5678))).toBe('1234.57');
  });

  it('keeps integers, tiny values and non-finite values readable', () => {
    expect(formatValue(4)).toBe('4');
    expect(formatValue(-3)).toBe('-3');
    expect(formatValue(Math.fround(1e-7))).toBe('1e-7');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Infinity');
  });

  it('lists values', () => {
    expect(formatValues([0, 1, Math.fround(0.37)])).toBe('0, 1, 0.37');
  });
});
