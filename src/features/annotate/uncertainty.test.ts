import { describe, expect, it } from 'vitest';
import {
  UNCERTAINTY_BANDS,
  rankByUncertainty,
  uncertaintyBands,
  uncertaintyColormap,
  uncertaintyScore,
} from './uncertainty';

/** A scan whose prediction has `organ` foreground voxels and an uncertain rim of `rim` voxels at `h` bits. */
function scan(name: string, organ: number, rim: number, h: number) {
  const n = organ + rim + 50;
  const labels = new Uint8Array(n);
  const entropy = new Float32Array(n);
  labels.fill(1, 0, organ);
  entropy.fill(h, organ, organ + rim);
  return uncertaintyScore(name, entropy, labels);
}

describe('uncertainty ranking', () => {
  it('scores the uncertain share of a prediction', () => {
    const s = scan('a', 300, 100, 0.5);
    expect(s.entropyBits).toBeCloseTo(50);
    expect(s.foreground).toBe(300);
    expect(s.score).toBeCloseTo(50 / 350);
    expect(scan('sure', 300, 0, 0).score).toBe(0);
    // Nothing found, yet unsure: as uncertain as a scan can be.
    expect(scan('lost', 0, 80, 0.9).score).toBe(1);
    expect(() => uncertaintyScore('x', new Float32Array(3), new Uint8Array(4))).toThrow();
  });

  it('ranks the scan the model is least sure of first, whatever its size', () => {
    const ranked = rankByUncertainty([
      scan('large-gland-thin-rim', 4000, 400, 0.5), // 200 / 4200
      scan('small-gland-wide-rim', 200, 300, 0.8), // 240 / 440
      scan('confident', 1000, 50, 0.2), // 10 / 1010
      scan('also-confident', 1000, 50, 0.2),
    ]);
    expect(ranked.map((s) => s.case)).toEqual([
      'small-gland-wide-rim',
      'large-gland-thin-rim',
      'also-confident',
      'confident',
    ]);
  });

  it('draws entropy in bands with a named colour each', () => {
    const bands = uncertaintyBands([0, 0.05, 0.1, 0.3, 0.6, 0.99, NaN]);
    expect(Array.from(bands)).toEqual([0, 0, 1, 2, 3, 4, 0]);
    const cmap = uncertaintyColormap();
    expect(cmap.map((c) => c.value)).toEqual([1, 2, 3, 4]);
    expect(cmap[0].name).toBe('0.1–0.25 bits');
    expect(cmap.at(-1)?.name).toBe(`≥ ${UNCERTAINTY_BANDS.at(-1)?.from} bits`);
  });
});
