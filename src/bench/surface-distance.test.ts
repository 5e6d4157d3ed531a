import { describe, expect, it } from 'vitest';
import { surfaceDistance } from './surface-distance';

const a = Uint8Array.from([1, 0]);

describe('surfaceDistance', () => {
  it('is absent without a module exporting hd95 and assd', () => {
    expect(surfaceDistance({}, () => undefined)).toBeUndefined();
    expect(surfaceDistance({ hd95: () => 1 }, () => undefined)).toBeUndefined();
  });

  it('passes masks, grid and spacing through and keeps finite values only', () => {
    const seen: unknown[][] = [];
    const fn = surfaceDistance(
      {
        hd95: (...args: unknown[]) => (seen.push(args), 2.5),
        assd: () => Number.POSITIVE_INFINITY,
      },
      () => undefined,
    );
    expect(fn?.(a, a, [2, 1, 1], [1, 1, 3])).toEqual({ hd95: 2.5, assd: null });
    expect(seen).toEqual([[a, a, [2, 1, 1], [1, 1, 3]]]);
  });

  it('leaves the distances out, reporting once, when the module throws', () => {
    const messages: string[] = [];
    const fn = surfaceDistance(
      {
        hd95: () => {
          throw new TypeError('bad arguments');
        },
        assd: () => 1,
      },
      (m) => messages.push(m),
    );
    expect(fn?.(a, a, [2, 1, 1], [1, 1, 1])).toEqual({ hd95: null, assd: null });
    expect(fn?.(a, a, [2, 1, 1], [1, 1, 1])).toEqual({ hd95: null, assd: null });
    expect(messages).toEqual([
      'surface distances left out: src/eval/metrics.ts failed (TypeError: bad arguments)',
    ]);
  });
});
