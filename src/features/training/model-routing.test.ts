import { describe, expect, it } from 'vitest';
import type { TrainingRun } from '../../store';
import { covers, dependents, memberIds, modelsFor, summedSize } from './model-routing';

function run(id: string, extra: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id,
    name: id,
    architecture: 'unet',
    config: null,
    params: { trainable: 100, nonTrainable: 4 },
    sizeBytes: 416,
    status: 'finished',
    steps: [],
    epochs: [],
    progress: null,
    startedAt: 0,
    hasModel: true,
    ...extra,
  };
}

describe('model routing', () => {
  const ens = run('e', { ensemble: { members: ['f1', 'f2'] } });
  const oof = run('o', { outOfFold: { a: 'f1', b: 'f2', c: 'f1' } });

  it('sends a plain run to its own model and an ensemble to all its members', () => {
    expect(modelsFor(run('r'), 'a')).toBe('r');
    expect(modelsFor(ens, 'a')).toEqual(['f1', 'f2']);
    expect(memberIds(ens)).toEqual(['f1', 'f2']);
  });

  it('segments each case by the fold that held it out, and no other case', () => {
    expect(modelsFor(oof, 'a')).toBe('f1');
    expect(modelsFor(oof, 'b')).toBe('f2');
    expect(covers(oof, 'c')).toBe(true);
    expect(covers(oof, 'test1')).toBe(false);
    expect(() => modelsFor(oof, 'test1')).toThrow(/held out by no fold/);
    expect(memberIds(oof).sort()).toEqual(['f1', 'f2']);
  });

  it('sums members for an ensemble, and finds the views that rely on a run', () => {
    expect(summedSize([run('a'), run('b')])).toEqual({
      params: { trainable: 200, nonTrainable: 8 },
      sizeBytes: 832,
    });
    expect(summedSize([run('a'), run('b', { params: null, sizeBytes: undefined })])).toEqual({
      params: null,
      sizeBytes: undefined,
    });
    const all = [run('f1'), run('f2'), ens, oof];
    expect(dependents(all, 'f2').map((r) => r.id)).toEqual(['e', 'o']);
    expect(dependents(all, 'e')).toEqual([]);
  });
});
