import { describe, expect, it } from 'vitest';
import { benchTable, peerFor, volumeInferenceLines, type BenchRow } from './bench-report';
import type { PeerResult } from './peer';
import { duration, markdownTable, ms } from './format';

const row: BenchRow = {
  model: 'unet',
  backend: 'webgl',
  adapter: 'ANGLE (Google, Vulkan | SwiftShader)',
  threads: null,
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
  readbacksPerStep: 1,
  newPrograms: 0,
  programs: 212,
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
      '| U-Net | webgl | ANGLE (Google, Vulkan \\| SwiftShader) | - | 64x64 | 2 | 483,857 | 2,346 | 21.25x | 1.00 | 0 | 12.3 | 296 (128x128x24) | 12.0 MB |',
    );
    expect(lines[3]).toMatch(/^\| U-Net \| PyTorch \(CPU\) \| torch 1\.13\.0 \| 2 \| .* \| 110 \|/);
    expect(lines[4]).toBe('- cpu: skipped in --smoke');
  });
});

describe('3-D networks', () => {
  const volumeRow: BenchRow = {
    ...row,
    model: 'unet3d',
    backend: 'wasm',
    adapter: 'wasm (SIMD, 2 threads)',
    threads: 2,
    depth: 16,
    ratioToPeer: 2.5,
    inferMsPerVolume: 6_000,
    inferVolume: '128x128x32',
  };
  const peer: PeerResult = {
    model: 'unet3d',
    size: 64,
    depth: 16,
    batch: 2,
    msPerStep: 900,
    firstStepMs: 1_500,
    torchVersion: '1.13.0',
    threads: 2,
    params: { trainable: 350_739, nonTrainable: 338 },
    inferMs: 2_400,
    inferWindows: 27,
  };

  it('name the patch and the peer prediction of the volume in the table', () => {
    const lines = benchTable([volumeRow], [peer], []).split('\n');
    expect(lines[2]).toMatch(/^\| 3D U-Net \| wasm \| .* \| 64x64x16 \| 2 \| .* \| 2\.50x \|/);
    expect(lines[2]).toContain('| 6,000 (128x128x32) |');
    expect(lines[3]).toMatch(
      /\| 64x64x16 \| 2 \| 351,077 \| 900 \| 1x \| - \| - \| - \| 2,400 \(27 windows\) \|/,
    );
  });

  it('compare each sliding-window prediction with PyTorch, or say there is none', () => {
    const onOne = { ...peer, threads: 1, inferMs: 4_000 };
    expect(volumeInferenceLines([row, volumeRow], [onOne, peer])).toEqual([
      '3D U-Net on wasm on 2 threads: sliding-window prediction of a 128x128x32 volume ' +
        '6,000 ms; PyTorch on 2 threads 2,400 ms over 27 windows (2.5x)',
    ]);
    expect(volumeInferenceLines([volumeRow], [])).toEqual([
      '3D U-Net on wasm on 2 threads: sliding-window prediction of a 128x128x32 volume ' +
        '6,000 ms; no PyTorch figure',
    ]);
  });
});

describe('peerFor', () => {
  const peer = (threads: number, msPerStep: number) => ({
    model: 'unet' as const,
    size: 64,
    batch: 2,
    msPerStep,
    firstStepMs: 0,
    torchVersion: '1.13.0',
    threads,
    params: { trainable: 1, nonTrainable: 0 },
  });
  const peers = [peer(1, 200), peer(2, 120)];
  it('compares a WASM row with PyTorch on as many threads', () => {
    expect(peerFor({ ...row, backend: 'wasm', threads: 1 }, peers)?.msPerStep).toBe(200);
    expect(peerFor({ ...row, backend: 'wasm', threads: 2 }, peers)?.msPerStep).toBe(120);
    expect(peerFor({ ...row, backend: 'wasm', threads: 4 }, peers)).toBeNull();
  });
  it('compares the other backends with PyTorch on every thread', () => {
    expect(peerFor(row, peers)?.threads).toBe(2);
    expect(peerFor({ ...row, model: 'enet' }, peers)).toBeNull();
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
