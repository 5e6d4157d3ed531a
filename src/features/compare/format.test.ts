import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMl, formatMm, formatMs, formatScore } from './format';

describe('format', () => {
  it('writes scores, distances and volumes with fixed decimals, n/a when undefined', () => {
    expect(formatScore(0.91234)).toBe('0.912');
    expect(formatScore(null)).toBe('n/a');
    expect(formatMm(3.14159)).toBe('3.14');
    expect(formatMm(Number.NaN)).toBe('n/a');
    expect(formatMl(41.26)).toBe('41.3');
  });

  it('writes times, counts and sizes as the model table shows them', () => {
    expect(formatMs(6170.4)).toBe('6170');
    expect(formatMs(12.345)).toBe('12.3');
    expect(formatCount(362992)).toBe('362,992');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_451_968)).toBe('1.5 MB');
    expect(formatBytes(23_040)).toBe('23.0 kB');
  });
});
