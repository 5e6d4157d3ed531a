import { describe, expect, it } from 'vitest';
import type { StudyCase, TrainingRun } from '../../store';
import {
  casesInScope,
  compareEntries,
  comparableRuns,
  defaultModels,
  labelledCases,
  sharedCases,
  ttaKey,
} from './plan';

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

describe('compareEntries and sharedCases', () => {
  it('follows each chosen run with its mirror-averaged twin when asked', () => {
    const runs = [run('a', 'unet'), run('b', 'enet')];
    expect(compareEntries(['b', 'a', 'gone'], runs, false).map((e) => e.key)).toEqual(['b', 'a']);
    const twins = compareEntries(['a', 'b'], runs, true);
    expect(twins.map((e) => [e.key, e.tta, e.name])).toEqual([
      ['a', false, 'a'],
      [ttaKey('a'), true, 'a + TTA'],
      ['b', false, 'b'],
      [ttaKey('b'), true, 'b + TTA'],
    ]);
  });

  it('keeps the cases every model covers (an out-of-fold view covers its folds only)', () => {
    const oof = { ...run('o', 'unet'), outOfFold: { c1: 'f1', c2: 'f2' } };
    expect(sharedCases(['c1', 'c2', 't1'], [run('a', 'unet'), oof])).toEqual(['c1', 'c2']);
    expect(sharedCases(['c1', 't1'], [run('a', 'unet')])).toEqual(['c1', 't1']);
  });
});
