import { describe, expect, it } from 'vitest';
import type { LoadedFile, StudyCase, TrainingRun } from '../../store';
import { planFolds } from './folds';
import {
  foldCandidates,
  foldRunName,
  labelMl,
  nextStudyName,
  studyProgress,
  type CrossValidationStudy,
} from './study';

const plan = planFolds(
  ['a', 'b', 'c', 'd', 'e', 'f'].map((name, i) => ({ name, volume: i })),
  3,
  1,
);

function study(runs: (string | null)[]): CrossValidationStudy {
  return { id: 's', name: 'U-Net #2', architecture: 'unet', config: {}, plan, runs, createdAt: 0 };
}

function run(id: string, status: TrainingRun['status'], checkpoint = false): TrainingRun {
  return {
    id,
    name: id,
    architecture: 'unet',
    config: null,
    params: null,
    status,
    steps: [],
    epochs: [],
    progress: null,
    startedAt: 0,
    ...(checkpoint ? { checkpoint: { epoch: 2, step: 8, totalSteps: 20 } } : {}),
  };
}

describe('studyProgress', () => {
  it('goes on with the first unfinished fold: resumed from its checkpoint, else started', () => {
    const runs = [run('r1', 'finished'), run('r2', 'stopped', true)];
    const p = studyProgress(study(['r1', 'r2', null]), runs);
    expect(p).toMatchObject({ done: 1, next: 1, training: false, continueBy: 'resume' });
    expect(p.nextRun?.id).toBe('r2');
    // Interrupted before its first checkpoint, or deleted: the fold starts again.
    expect(
      studyProgress(study(['r1', 'r2', null]), [runs[0], run('r2', 'interrupted')]),
    ).toMatchObject({ next: 1, continueBy: 'start' });
    expect(studyProgress(study(['r1', 'gone', null]), runs)).toMatchObject({
      next: 1,
      continueBy: 'start',
      nextRun: undefined,
    });
  });

  it('says when a fold is training and when every fold is done', () => {
    const runs = [run('r1', 'finished'), run('r2', 'paused'), run('r3', 'finished')];
    expect(studyProgress(study(['r1', 'r2', null]), runs).training).toBe(true);
    const all = studyProgress(study(['r1', 'r3', 'r1']), runs);
    expect(all).toMatchObject({ done: 3, next: null, continueBy: null, training: false });
  });
});

describe('names and candidates', () => {
  it('names studies past every numbered run of the architecture', () => {
    expect(nextStudyName('U-Net', ['U-Net #1', 'U-Net #4 fold 1/5', 'ENet #7'])).toBe('U-Net #5');
    expect(nextStudyName('U-Net', [])).toBe('U-Net #1');
    expect(foldRunName(study([]), 1)).toBe('U-Net #2 fold 2/3');
  });

  it('deals the labelled train and validation cases, with their label volume in mL', () => {
    const label = { data: Float32Array.from([0, 1, 2, 0]), spacing: [1, 2, 5] };
    expect(labelMl(label)).toBeCloseTo(0.02, 12);
    const c = (name: string, extra: Partial<StudyCase>): StudyCase => ({
      name,
      channels: [{ path: `${name}.nii`, channel: 'image' }],
      extras: [],
      split: 'train',
      label: `${name}_seg.nii`,
      ...extra,
    });
    const files = {
      'a_seg.nii': { path: 'a_seg.nii', size: 1, volumes: [label] },
    } as unknown as Record<string, LoadedFile>;
    const cases = [
      c('a', {}),
      c('b', { split: 'val' }),
      c('t', { split: 'test' }),
      c('u', { label: undefined }),
      c('p', { problem: 'label grid differs' }),
    ];
    const got = foldCandidates(cases, files);
    expect(got.map((x) => x.name)).toEqual(['a', 'b']);
    expect(got[0].volume).toBeCloseTo(0.02, 12);
    expect(got[1].volume).toBeNull();
  });
});
