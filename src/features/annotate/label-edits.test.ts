/**
 * Label edits from the page to a real in-thread engine: only the changed slices travel,
 * the case is not sent again, a model's draft counts only on the slices marked reviewed
 * (the engine leaves the others out of the loss), and undo brings both back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi, LabelUpdate } from '../../engine/api';
import { testBackend, testEngine } from '../../engine/core/testing';
import type { Volume } from '../../io/volume';
import { discCase, tinyConfig } from '../../ml/train/fixtures';
import type { CaseData } from '../../ml/types';
import { useStudio, type LoadedFile, type StudyCase } from '../../store';
import { CaseSync } from '../training/case-sync';
import { editedLabelPath } from './edit-records';
import {
  applyDrawnEdit,
  historyOf,
  setEditDeps,
  setLabel,
  stepHistory,
  toggleSliceReviewed,
} from './label-edits';

const AFFINE = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1];
const PLANE = 40 * 40;

function volume(data: ArrayLike<number>): Volume {
  return {
    dims: [40, 40, 6],
    spacing: [1, 1, 3],
    data: Float32Array.from(data),
    sourceType: 'float32',
    affine: AFFINE,
  };
}

/** Case `a` with a manual label, case `b` a new scan without one. */
function loadDataset(): { a: CaseData; b: CaseData } {
  const a = discCase('a', 1);
  const b = discCase('b', 2);
  const files: Record<string, LoadedFile> = {};
  const cases: StudyCase[] = [];
  for (const c of [a, b]) {
    files[`${c.name}.nii`] = { path: `${c.name}.nii`, size: 0, volumes: [volume(c.channels[0])] };
    cases.push({
      name: c.name,
      channels: [{ path: `${c.name}.nii`, channel: 'T2' }],
      extras: [],
      split: 'train',
    });
  }
  files['a_seg.nii'] = { path: 'a_seg.nii', size: 0, volumes: [volume(a.label as Uint8Array)] };
  cases[0] = { ...cases[0], label: 'a_seg.nii', labelValues: [0, 1] };
  useStudio.getState().setDataset('my data', files, cases);
  return { a, b };
}

/** The engine, recording what the page sends it. */
function recorded(engine: EngineApi) {
  const updates: LabelUpdate[] = [];
  const puts: string[][] = [];
  const sink = {
    putCases: (cases: CaseData[]) => {
      puts.push(cases.map((c) => c.name));
      return engine.putCases(cases);
    },
    removeCases: (names: string[]) => engine.removeCases(names),
    updateLabel: (u: LabelUpdate) => {
      updates.push(u);
      return engine.updateLabel(u);
    },
  };
  return { sink, updates, puts };
}

const study = (name: string) => useStudio.getState().cases.find((c) => c.name === name);

beforeAll(async () => {
  await testBackend();
});

describe('label edits reaching the engine', () => {
  it('sends a stroke as its changed slices and does not send the case again', async () => {
    const { a } = loadDataset();
    const engine = testEngine();
    const { sink, updates, puts } = recorded(engine);
    const sync = new CaseSync();
    setEditDeps({ engine: () => sink, sync: () => sync, save: () => undefined });
    await sync.send(sink);
    expect(puts).toEqual([['a', 'b']]);

    const drawn = Uint8Array.from(a.label as Uint8Array);
    drawn.fill(1, 2 * PLANE, 2 * PLANE + 30);
    drawn.fill(0, 4 * PLANE, 5 * PLANE);
    applyDrawnEdit('a', { data: drawn, manual: true });
    expect(updates).toHaveLength(1);
    expect(updates[0].slices.map((s) => s.z)).toEqual([2, 4]);
    expect(Array.from(updates[0].slices[0].data.subarray(0, 30))).toEqual(new Array(30).fill(1));
    // A complete manual label stays complete: every slice still counts.
    expect(updates[0].reviewed).toBeNull();
    expect(study('a')).toMatchObject({ label: editedLabelPath('a'), editedFrom: 'a_seg.nii' });
    await sync.send(sink);
    expect(puts).toHaveLength(1);
    await engine.dispose();
  });

  it('trains on the reviewed slices of a draft only, and undo takes the marks back', async () => {
    const { b } = loadDataset();
    const engine = testEngine();
    const { sink, updates } = recorded(engine);
    const sync = new CaseSync();
    setEditDeps({ engine: () => sink, sync: () => sync, save: () => undefined });
    await sync.send(sink);
    // A model's draft of the unlabelled case: nothing reviewed yet.
    setLabel('b', b.label as Uint8Array, []);
    expect(updates[0]).toMatchObject({ createIfMissing: true, reviewed: [] });
    expect(updates[0].slices.map((s) => s.z)).toEqual([1, 2, 3, 4]);
    toggleSliceReviewed('b', 3);
    toggleSliceReviewed('b', 1);
    expect(study('b')?.reviewed).toEqual([1, 3]);
    expect(updates.at(-1)).toMatchObject({ slices: [], reviewed: [1, 3] });

    let slices = -1;
    const off = engine.subscribe((e) => {
      if (e.type === 'started') slices = e.trainSlices;
    });
    await sync.send(sink);
    await engine.train({
      run: 'r',
      config: tinyConfig({ epochs: 1, stepsPerEpoch: 1 }),
      cases: { train: ['b'], val: [] },
    });
    expect(slices).toBe(2);

    expect(stepHistory('b', 'undo')).toBe(true);
    expect(study('b')?.reviewed).toEqual([3]);
    expect(stepHistory('b', 'redo')).toBe(true);
    expect(study('b')?.reviewed).toEqual([1, 3]);
    // Undoing the draft itself empties the label again, slice by slice.
    stepHistory('b', 'undo');
    stepHistory('b', 'undo');
    stepHistory('b', 'undo');
    expect(historyOf('b').canUndo).toBe(false);
    const label = useStudio.getState().files[editedLabelPath('b')]?.volumes?.[0];
    expect(label?.data.some((v) => v !== 0)).toBe(false);
    expect(updates.at(-1)?.slices.map((s) => s.z)).toEqual([1, 2, 3, 4]);
    await sync.send(sink);
    await engine.train({
      run: 'r2',
      config: tinyConfig({ epochs: 1, stepsPerEpoch: 1 }),
      cases: { train: ['a', 'b'], val: [] },
    });
    // b has no reviewed slice left; a counts whole.
    expect(slices).toBe(6);
    off();
    await engine.dispose();
  });
});
