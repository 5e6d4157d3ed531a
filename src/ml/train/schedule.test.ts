import { describe, expect, it } from 'vitest';
import { learningRateAt } from './schedule';

describe('learningRateAt', () => {
  it('keeps a constant rate', () => {
    expect(learningRateAt({ kind: 'constant' }, 1e-3, 500, 10, 1000)).toBe(1e-3);
  });

  it('drops by the factor every N epochs', () => {
    const s = { kind: 'step' as const, everyEpochs: 2, factor: 0.5 };
    expect(learningRateAt(s, 1, 0, 10, 100)).toBe(1);
    expect(learningRateAt(s, 1, 19, 10, 100)).toBe(1);
    expect(learningRateAt(s, 1, 20, 10, 100)).toBe(0.5);
    expect(learningRateAt(s, 1, 45, 10, 100)).toBe(0.25);
  });

  it('decays along half a cosine from the base rate to the floor', () => {
    const s = { kind: 'cosine' as const, minLr: 0.1 };
    expect(learningRateAt(s, 1, 0, 10, 101)).toBeCloseTo(1, 10);
    expect(learningRateAt(s, 1, 50, 10, 101)).toBeCloseTo(0.55, 10);
    expect(learningRateAt(s, 1, 100, 10, 101)).toBeCloseTo(0.1, 10);
    expect(learningRateAt(s, 1, 30, 10, 101)).toBeGreaterThan(learningRateAt(s, 1, 31, 10, 101));
  });
});
