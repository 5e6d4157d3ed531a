import { describe, expect, it } from 'vitest';
import type { Volume } from '../../io/volume';
import { evaluateCase } from './evaluate';
import { comparisonCsv, comparisonJson } from './report';
import { summarizeModel } from './summaries';
import type { ComparisonResult, ModelInfo } from './types';

function vol(values: number[]): Volume {
  return {
    dims: [2, 2, 2],
    spacing: [1, 1, 2],
    data: Float32Array.from(values),
    sourceType: 'uint8',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1],
  };
}

const target = { mode: 'binary', foregroundValues: [1] } as const;
const manual = vol([1, 1, 0, 0, 1, 0, 0, 0]);

function model(side: 'A' | 'B', name: string): ModelInfo {
  return {
    side,
    runId: `run-${side}`,
    name,
    architecture: side === 'A' ? 'enet' : 'unet',
    params: { trainable: 10, nonTrainable: 2 },
    sizeBytes: 48,
    target: { ...target, foregroundValues: [1] },
    tta: false,
    key: `run-${side}`,
  };
}

function scored(caseName: string, predicted: number[], msPerSlice: number) {
  return evaluateCase({
    caseName,
    split: 'test',
    predicted: vol(predicted),
    manual,
    target: { ...target, foregroundValues: [1] },
    timing: { msPerSlice, totalMs: 2 * msPerSlice, wallMs: 3 * msPerSlice },
  });
}

// A: perfect on c1, nothing on c2 (HD95 n/a). B: 2 of the 3 label voxels on both (Dice 0.8).
const result: ComparisonResult = {
  backend: 'wasm · test',
  createdAt: '2024-01-01T00:00:00.000Z',
  caseNames: ['c1', 'c2'],
  models: [
    {
      model: model('A', 'ENet, small'),
      cases: [scored('c1', [1, 1, 0, 0, 1, 0, 0, 0], 1), scored('c2', [0, 0, 0, 0, 0, 0, 0, 0], 3)],
    },
    {
      model: model('B', 'U-Net'),
      cases: [scored('c1', [1, 0, 0, 0, 1, 0, 0, 0], 5), scored('c2', [1, 0, 0, 0, 1, 0, 0, 0], 7)],
    },
  ],
};

describe('summarizeModel', () => {
  it('summarizes Dice and timings over cases', () => {
    const a = summarizeModel(result.models[0]);
    expect(a.dice).toMatchObject({ mean: 0.5, median: 0.5, max: 1, n: 2 });
    expect(a.classes[0].metrics.hd95).toMatchObject({ n: 1, missing: 1, mean: 0 });
    expect(a.msPerSlice.mean).toBe(2);
    expect(a.msPerVolume.mean).toBe(4);
  });
});

describe('comparisonCsv', () => {
  const lines = comparisonCsv(result).trimEnd().split('\r\n');
  const header = lines[0].split(',');
  const col = (line: string, name: string) =>
    line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.[header.indexOf(name)]?.replace(/,$/, '');

  it('has one row per model, case and structure, then summaries and slices', () => {
    expect(header.slice(0, 7)).toEqual([
      'row',
      'side',
      'model',
      'case',
      'structure',
      'slice',
      'dice',
    ]);
    const kinds = lines.slice(1).map((l) => l.split(',')[0]);
    // Per model: 2 case rows, 3 summary rows, slices with foreground (A: 2 + 2, B: 2 + 2).
    expect(kinds.filter((k) => k === 'case')).toHaveLength(4);
    expect(kinds.filter((k) => ['mean', 'median', 'max'].includes(k))).toHaveLength(6);
    expect(kinds.filter((k) => k === 'slice')).toHaveLength(8);
  });

  it('quotes names with commas and leaves undefined scores empty', () => {
    const c2 = lines.find((l) => l.startsWith('case,A,"ENet, small",c2'));
    expect(c2).toBeDefined();
    expect(col(c2 as string, 'dice')).toBe('0');
    expect(col(c2 as string, 'hd95')).toBe('');
    expect(col(c2 as string, 'ms_per_slice')).toBe('3');
    const mean = lines.find((l) => l.startsWith('mean,B,U-Net'));
    expect(Number(col(mean as string, 'dice'))).toBeCloseTo(0.8, 12);
  });
});

describe('comparisonJson', () => {
  it('carries the models, scores, summaries and the empty-mask rule', () => {
    const json = JSON.parse(JSON.stringify(comparisonJson(result))) as {
      emptyMaskRules: string;
      backend: string;
      models: { name: string; sizeBytes: number; summary: { dice: { mean: number } } }[];
    };
    expect(json.emptyMaskRules).toMatch(/n\/a/);
    expect(json.backend).toBe('wasm · test');
    expect(json.models.map((m) => [m.name, m.sizeBytes])).toEqual([
      ['ENet, small', 48],
      ['U-Net', 48],
    ]);
    expect(json.models[1].summary.dice.mean).toBeCloseTo(0.8, 12);
  });
});
