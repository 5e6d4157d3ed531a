import { describe, it, expect } from 'vitest';
import { gzipSync } from 'fflate';
import { crc32, gunzipPlanned, isGzip } from './gzip';
import { StudioError } from '../shared/errors';

const DATA = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 2654435761) >>> 24);

describe('crc32', () => {
  it('gives the standard check value and handles every length tail', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    // gzip stores the CRC of the data in its trailer: compare for lengths 0..7 mod 4.
    for (let n = 1000; n < 1008; n++) {
      const gz = gzipSync(DATA.subarray(0, n));
      expect(crc32(DATA.subarray(0, n))).toBe(
        new DataView(gz.buffer).getUint32(gz.length - 8, true),
      );
    }
  });
});

describe('gunzipPlanned', () => {
  it('shows the plan the head, then fills one buffer of the planned size', () => {
    let headLength = 0;
    const out = gunzipPlanned(gzipSync(DATA), 'd.gz', 544, (head) => {
      headLength = head.length;
      expect(head.subarray(0, 544)).toEqual(DATA.subarray(0, 544));
      return DATA.length;
    });
    expect(headLength).toBeGreaterThanOrEqual(544);
    expect(headLength).toBeLessThan(DATA.length);
    expect(out.overflow).toBe(false);
    expect(out.length).toBe(DATA.length);
    expect(out.bytes).toEqual(DATA);
  });

  it('reads concatenated members and ignores bytes after the last one', () => {
    const a = gzipSync(DATA.subarray(0, 100_000));
    const b = gzipSync(DATA.subarray(100_000));
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    expect(gunzipPlanned(joined, 'j.gz', 544, () => DATA.length).bytes).toEqual(DATA);
    const junk = new Uint8Array(a.length + 16).fill(0x55);
    junk.set(a);
    expect(gunzipPlanned(junk, 'junk.gz', 544, () => 100_000).bytes).toEqual(
      DATA.subarray(0, 100_000),
    );
  });

  it('reports a stream cut inside the head as truncated', () => {
    const gz = gzipSync(DATA);
    let code: string | undefined;
    try {
      gunzipPlanned(gz.subarray(0, 200), 'cut.gz', 544, () => DATA.length);
    } catch (e) {
      code = e instanceof StudioError ? e.code : undefined;
    }
    expect(code).toBe('truncated');
  });

  it('recognises the gzip magic', () => {
    expect(isGzip(gzipSync(DATA))).toBe(true);
    expect(isGzip(DATA)).toBe(false);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
  });
});
