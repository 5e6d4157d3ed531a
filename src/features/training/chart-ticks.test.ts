import { describe, expect, it } from 'vitest';
import { INTEGER_STEPS, tickLabels } from './chart-ticks';

describe('tickLabels', () => {
  it('gives neighbouring ticks as many decimals as their spacing needs', () => {
    expect(tickLabels([2.6, 2.61, 2.62])).toEqual(['2.60', '2.61', '2.62']);
    expect(tickLabels([0, 0.2, 0.4])).toEqual(['0.0', '0.2', '0.4']);
    expect(tickLabels([0, 0.05, 0.1])).toEqual(['0.00', '0.05', '0.10']);
    expect(tickLabels([10, 20, 30])).toEqual(['10', '20', '30']);
  });

  it('writes large step counts in thousands', () => {
    expect(tickLabels([10000, 15000, 20000])).toEqual(['10k', '15k', '20k']);
    expect(tickLabels([500, 1000])).toEqual(['500', '1000']);
  });

  it('never puts a tick between two whole steps', () => {
    expect(INTEGER_STEPS.every((s) => Number.isInteger(s) && s >= 1)).toBe(true);
  });
});
