import { describe, expect, it } from 'vitest';
import { sideWeightsAt } from './side-weights';

describe('deep-supervision weights', () => {
  it('gives every side output the single weight, or its own', () => {
    expect(sideWeightsAt({ deepSupervisionWeight: 0.5 }, 3, 10, 100)).toEqual([0.5, 0.5, 0.5]);
    expect(
      sideWeightsAt({ deepSupervisionWeight: 0.5, deepSupervisionWeights: [1, 0.2] }, 3, 0, 100),
    ).toEqual([1, 0.2, 0.5]);
  });

  it('decays linearly to zero over the run when asked', () => {
    const c = { deepSupervisionWeight: 0.8, deepSupervisionDecay: true };
    expect(sideWeightsAt(c, 2, 0, 100)).toEqual([0.8, 0.8]);
    expect(sideWeightsAt(c, 2, 50, 100)[0]).toBeCloseTo(0.4, 10);
    expect(sideWeightsAt(c, 2, 100, 100)).toEqual([0, 0]);
  });
});
