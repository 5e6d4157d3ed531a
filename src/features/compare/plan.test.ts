import { describe, expect, it } from 'vitest';
import type { StudyCase, TrainingRun } from '../../store';
import { casesInScope, comparableRuns, defaultModels, labelledCases } from './plan';

function run(
  id: string,
  architecture: string,
  status: TrainingRun['status'] = 'finished',
  hasModel = true,
) {
  return {
    hasModel,
    id,
    name: id,
    architecture,
    config: {},
    params: null,
    status,
    steps: [],
    epochs: [],
    progress: null,
    startedAt: 0,
  } satisfies TrainingRun;
}

function study(name: string, split: StudyCase['split'], label = true, problem?: string) {
  return {
    name,
    channels: [{ path: `${name}.nii`, channel: 'T2' }],
    label: label ? `${name}_seg.nii` : undefined,
    extras: [],
    split,
    problem,
  } satisfies StudyCase;
}

describe('defaultModels', () => {
  it('takes the latest ENet as A and the latest U-Net as B', () => {
    const runs = [run('e1', 'enet'), run('u1', 'unet'), run('e2', 'enet'), run('u2', 'unet')];
    expect(defaultModels(runs)).toEqual(['e2', 'u2']);
  });

  it('falls back to the two latest runs, and to nothing', () => {
    expect(defaultModels([run('u1', 'unet'), run('u2', 'unet')])).toEqual(['u1', 'u2']);
    expect(defaultModels([run('e1', 'enet'), run('e2', 'enet')])).toEqual(['e2', 'e1']);
    expect(defaultModels([run('u1', 'unet')])).toEqual(['u1']);
    expect(defaultModels([])).toEqual([]);
  });
});

describe('comparableRuns', () => {
  it('keeps runs that have a model and are not training', () => {
    const runs = [
      run('a', 'enet'),
      run('b', 'unet', 'running'),
      run('c', 'unet', 'stopped'),
      run('d', 'unet', 'interrupted', false),
      run('e', 'unet', 'pausing'),
    ];
    expect(comparableRuns(runs).map((r) => r.id)).toEqual(['a', 'c']);
  });
});

describe('cases', () => {
  const cases = [
    study('b', 'train'),
    study('a', 'train'),
    study('v', 'val'),
    study('t2', 'test'),
    study('t1', 'test'),
    study('x', 'test', false),
    study('bad', 'test', true, 'grid mismatch'),
  ];

  it('orders labelled cases test, val, train', () => {
    expect(labelledCases(cases).map((c) => c.name)).toEqual(['t1', 't2', 'v', 'a', 'b']);
  });

  it('expands a scope to case names', () => {
    expect(casesInScope(cases, 'test', null)).toEqual(['t1', 't2']);
    expect(casesInScope(cases, 'labelled', null)).toHaveLength(5);
    expect(casesInScope(cases, 'case', 'v')).toEqual(['v']);
    expect(casesInScope(cases, 'case', 'x')).toEqual([]);
  });
});
