import { describe, expect, it } from 'vitest';
import { checkTarget, classValues, decodeClasses, encodeLabels, outputChannels } from './target';

describe('target encoding', () => {
  it('maps chosen label values to foreground in binary mode', () => {
    const t = { mode: 'binary' as const, foregroundValues: [3, 5] };
    expect(Array.from(encodeLabels(new Float32Array([0, 3, 4, 5, 5.0000001]), t))).toEqual([
      0, 1, 0, 1, 1,
    ]);
    expect(outputChannels(t)).toBe(1);
  });

  it('maps each chosen value to its own class in multi-class mode and back', () => {
    const t = { mode: 'multiclass' as const, values: [5, 3, 0, 3] };
    expect(classValues(t)).toEqual([0, 3, 5]);
    expect(outputChannels(t)).toBe(3);
    const classes = encodeLabels(new Uint8Array([0, 1, 3, 5, 2]), t);
    expect(Array.from(classes)).toEqual([0, 0, 1, 2, 0]);
    expect(Array.from(decodeClasses(classes, t))).toEqual([0, 0, 3, 5, 0]);
  });

  it('checks the target against the model outputs', () => {
    expect(() => checkTarget({ mode: 'binary', foregroundValues: [1] }, 1)).not.toThrow();
    expect(() => checkTarget({ mode: 'binary', foregroundValues: [] }, 1)).toThrow(/at least one/);
    expect(() => checkTarget({ mode: 'multiclass', values: [1, 2] }, 2)).toThrow(/numClasses = 3/);
  });
});
