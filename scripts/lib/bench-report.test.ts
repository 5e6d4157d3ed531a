import { describe, expect, it } from 'vitest';
import { benchTable, type BenchRow } from './bench-report';
import { duration, markdownTable, ms } from './format';

const row: BenchRow = {
  model: 'unet',
  backend: 'webgl',
  adapter: 'ANGLE (Google, Vulkan | SwiftShader)',
  size: 64,
  batch: 2,
  params: 483_857,
  trainableParams: 482_449,
  nonTrainableParams: 1_408,
  msPerStep: 2_345.6,
  firstStepMs: 15_000,
  stepMs: [15_000, 2_345.6],
  inferMsPerSlice: 12.34,
  inferMsPerVolume: 296.2,
  inferVolume: '128x128x24',
  peakTensorBytes: 12 * 1024 ** 2,
  ratioToPeer: 21.25,
};

describe('benchTable', () => {
  it('prints one markdown row per figure set, then the peer and the notes', () => {
    const peer = [
      {
        model: 'unet' as const,
        size: 64,
        batch: 2,
        msPerStep: 110.4,
        firstStepMs: 300,
        torchVersion: '1.13.0',
        threads: 2,
        params: { trainable: 482_449, nonTrainable: 1_408 },
      },
    ];
    const text = benchTable([row], peer, [{ backend: 'cpu', reason: 'skipped in --smoke' }]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\| model \| backend \| adapter \|/);
    expect(lines[2]).toBe(
      '| U-Net | webgl | ANGLE (Google, Vulkan \\| SwiftShader) | 64x64 | 2 | 483,857 | 2,346 | 21.3x | 12.3 | 296 (128x128x24) | 12.0 MB |',
    );
    expect(lines[3]).toMatch(
      /^\| U-Net \| PyTorch \(CPU\) \| torch 1\.13\.0, 2 threads \| .* \| 110 \|/,
    );
    expect(lines[4]).toBe('- cpu: skipped in --smoke');
  });
});

describe('format', () => {
  it('gives each magnitude a sensible precision', () => {
    expect([ms(1234.5), ms(56.78), ms(3.456), ms(Number.NaN)]).toEqual([
      '1,235',
      '56.8',
      '3.46',
      '-',
    ]);
    expect([duration(12_300), duration(185_000), duration(3_780_000)]).toEqual([
      '12.3 s',
      '3m 05s',
      '1h 03m',
    ]);
    expect(markdownTable(['a'], [['x|y']])).toBe('| a |\n| --- |\n| x\\|y |');
  });
});
