import { describe, it, expect } from 'vitest';
import { deriveTarget } from './target';
import type { StudyCase } from '../../store';

const c = (labelValues: number[]): StudyCase => ({
  name: String(labelValues),
  channels: [],
  extras: [],
  split: 'train',
  labelValues,
});

describe('deriveTarget', () => {
  it('is binary for a single structure', () => {
    expect(deriveTarget([c([0, 1]), c([0, 1])])).toEqual({ mode: 'binary', foregroundValues: [1] });
  });
  it('is multi-class when cases hold several label values', () => {
    expect(deriveTarget([c([0, 1, 2]), c([0, 2, 4])])).toEqual({
      mode: 'multiclass',
      values: [1, 2, 4],
    });
  });
  it('falls back to value 1 without labels', () => {
    expect(deriveTarget([c([])])).toEqual({ mode: 'binary', foregroundValues: [1] });
  });
});
