import { describe, expect, it } from 'vitest';
import type { TrainingRun } from '../../store';
import { planEnsemble } from './ensembles';

function run(id: string, extra: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id,
    name: id,
    architecture: 'unet',
    config: {
      target: { mode: 'binary', foregroundValues: [1] },
      model: { inChannels: 1, numClasses: 1 },
    },
    params: { trainable: 10, nonTrainable: 1 },
    sizeBytes: 44,
    status: 'finished',
    steps: [],
    epochs: [],
    progress: null,
    startedAt: 0,
    hasModel: true,
    ...extra,
  };
}

describe('planEnsemble', () => {
  const a = run('a');
  const b = run('b', { architecture: 'enet' });
  const c = run('c');

  it('averages the chosen models, summing their sizes', () => {
    const p = planEnsemble([a, b], [a, b, c]);
    if ('problem' in p) throw new Error(p.problem);
    expect(p.run.ensemble).toEqual({ members: ['a', 'b'] });
    expect(p.run.name).toBe('Ensemble of a + b');
    expect(p.run.architecture).toBe('mixed');
    expect(p.run.params).toEqual({ trainable: 20, nonTrainable: 2 });
    expect(p.run.sizeBytes).toBe(88);
  });

  it('flattens an ensemble of ensembles so that every model weighs the same', () => {
    const e = run('e', { ensemble: { members: ['a', 'b'] } });
    const p = planEnsemble([e, c, a], [a, b, c, e]);
    if ('problem' in p) throw new Error(p.problem);
    expect(p.run.ensemble?.members).toEqual(['a', 'b', 'c']);
  });

  it('refuses out-of-fold views, single models, and models of other targets', () => {
    const oof = run('o', { outOfFold: { x: 'a' } });
    expect(planEnsemble([oof, a], [a, oof])).toEqual({
      problem: expect.stringMatching(/not a model/) as unknown,
    });
    expect(planEnsemble([a, a], [a])).toEqual({
      problem: expect.stringMatching(/two or more/) as unknown,
    });
    const other = run('m', {
      config: {
        target: { mode: 'multiclass', values: [1, 2] },
        model: { inChannels: 1, numClasses: 3 },
      },
    });
    expect(planEnsemble([a, other], [a, other])).toEqual({
      problem: expect.stringMatching(/different targets/) as unknown,
    });
  });
});
