/**
 * Every change to a case's label goes through here: a stroke from the viewer, a new
 * start (empty, the manual label, a model's draft), undo and redo, and reviewed-slice
 * marks. Each change becomes the case's edited label in the dataset at once, is saved to
 * browser storage, enters the case's undo history, and reaches the engine as the changed
 * slices only (the case sync is told, so the whole case is not sent again).
 */
import type { LabelUpdate } from '../../engine/api';
import type { Volume } from '../../io/volume';
import { useStudio, type StudyCase } from '../../store';
import { caseSync, engineIfReady } from '../training/engine-session';
import { casesForEngine, type CaseSync, type EngineCase } from '../training/case-sync';
import type { DrawnEdit } from '../viewer/types';
import { editedLabelPath } from './edit-records';
import { EditHistory } from './edit-history';
import { changedSlices, sliceOf, withSlices } from './label-slices';
import { labelValues } from '../../io';
import { markReviewed, sameReviewed, toggleReviewed, type Reviewed } from './reviewed';

/** What edits need from their surroundings; tests replace it. */
export interface EditDeps {
  /** The engine if it is running, for slice updates. */
  engine(): { updateLabel(u: LabelUpdate): Promise<void> } | null;
  sync(): CaseSync;
  /** Keeps case `name`'s edit in browser storage. */
  save(name: string): void;
}

let deps: EditDeps = { engine: engineIfReady, sync: caseSync, save: () => undefined };

/** Sets how edits reach the engine and storage (the app wires storage in at start-up). */
export function setEditDeps(next: Partial<EditDeps>): void {
  deps = { ...deps, ...next };
}

const histories = new Map<string, EditHistory>();

/** The undo history of case `name`. */
export function historyOf(name: string): EditHistory {
  let h = histories.get(name);
  if (!h) {
    h = new EditHistory();
    histories.set(name, h);
  }
  return h;
}

/** Forgets the undo histories of cases that left the dataset. */
export function dropHistories(names: readonly string[]): void {
  for (const n of names) histories.delete(n);
}

/** A case, its image and its current label. */
export function caseState(name: string): {
  study: StudyCase;
  image: Volume;
  label: Volume | undefined;
} | null {
  const s = useStudio.getState();
  const study = s.cases.find((c) => c.name === name);
  const image = study ? s.files[study.channels[0]?.path ?? '']?.volumes?.[0] : undefined;
  if (!study || !image || study.problem) return null;
  const label = study.label ? s.files[study.label]?.volumes?.[0] : undefined;
  return { study, image, label };
}

/** Reviewed slices of a case as they stand: a label nobody edited counts whole. */
function reviewedOf(study: StudyCase, hasLabel: boolean): Reviewed {
  return study.reviewed !== undefined ? study.reviewed : hasLabel ? null : [];
}

const engineCase = (name: string): EngineCase | undefined =>
  casesForEngine().find((c) => c.data.name === name);

/**
 * Makes `data` the case's label and `reviewed` its reviewed slices, `changed` being the
 * slices that differ from before; no history is recorded here.
 */
function commit(name: string, data: ArrayLike<number>, reviewed: Reviewed, changed: number[]) {
  const state = caseState(name);
  if (!state) return;
  const { study, image, label } = state;
  const before = engineCase(name);
  const path = editedLabelPath(name);
  const volume: Volume = {
    ...(label ?? image),
    data: Float32Array.from(data),
    sourceType: 'uint8',
    channel: undefined,
  };
  const labelChanged = changed.length > 0 || !label;
  const s = useStudio.getState();
  if (labelChanged) {
    s.addFiles({ [path]: { path, size: volume.data.length, volumes: [volume] } }, []);
  }
  s.updateCases((all) =>
    all.map((c) =>
      c.name !== name
        ? c
        : {
            ...c,
            reviewed: reviewed === null ? null : [...reviewed],
            ...(labelChanged
              ? {
                  label: path,
                  editedFrom: c.editedFrom !== undefined ? c.editedFrom : (study.label ?? null),
                  labelValues: labelValues(volume),
                }
              : {}),
          },
    ),
  );
  deps.save(name);
  useStudio.getState().bumpHistory();
  sendSlices(name, before, {
    case: name,
    slices: changed.map((z) => {
      const slice = sliceOf(data, image.dims, z);
      return { z: slice.z, data: slice.data };
    }),
    reviewed: reviewed === null ? null : [...reviewed],
    createIfMissing: true,
  });
}

/** Sends the changed slices when the engine holds the case as it was; else nothing. */
function sendSlices(name: string, before: EngineCase | undefined, update: LabelUpdate): void {
  const client = deps.engine();
  const sync = deps.sync();
  if (!client || !before || !sync.holds(before)) return;
  const after = engineCase(name);
  if (!after) return;
  // Told before the reply: a send in between must not put the whole case again.
  sync.markSent(after);
  client.updateLabel(update).catch(() => sync.forget(name));
}

/** Replaces the case's label by `data` (whole), as one undoable edit. */
export function setLabel(name: string, data: ArrayLike<number>, reviewed: Reviewed): void {
  const state = caseState(name);
  if (!state) return;
  const { study, image, label } = state;
  const dims = image.dims;
  const old = label?.data ?? null;
  const changed = changedSlices(
    old,
    Uint8Array.from(data, (v) => Math.round(v)),
    dims,
  );
  const reviewedBefore = reviewedOf(study, label !== undefined);
  if (changed.length === 0 && label && sameReviewed(reviewedBefore, reviewed)) return;
  historyOf(name).push({
    before: changed.map((z) => sliceOf(old, dims, z)),
    after: changed.map((z) => sliceOf(data, dims, z)),
    reviewedBefore,
    reviewedAfter: reviewed,
  });
  commit(name, data, reviewed, changed);
}

/** Takes a change drawn in the viewer; drawn slices become reviewed when the user wants. */
export function applyDrawnEdit(name: string, edit: DrawnEdit): void {
  const state = caseState(name);
  if (!state) return;
  const { study, image, label } = state;
  const changed = changedSlices(label?.data ?? null, edit.data, image.dims);
  if (changed.length === 0) return;
  const base = reviewedOf(study, label !== undefined);
  const marks = edit.manual && useStudio.getState().drawMarksReviewed;
  setLabel(name, edit.data, marks ? markReviewed(base, changed, image.dims[2]) : base);
}

/** Switches whether slice `z` of the case counts as reviewed (undoable). */
export function toggleSliceReviewed(name: string, z: number): void {
  const state = caseState(name);
  if (!state?.label) return;
  const base = reviewedOf(state.study, true);
  setLabel(name, state.label.data, toggleReviewed(base, z, state.image.dims[2]));
}

/** Marks every slice of the case reviewed: its whole label counts (undoable). */
export function markAllReviewed(name: string): void {
  const state = caseState(name);
  if (state?.label) setLabel(name, state.label.data, null);
}

/** Undoes (or redoes) the case's last edit; false when there is none. */
export function stepHistory(name: string, direction: 'undo' | 'redo'): boolean {
  const state = caseState(name);
  const h = histories.get(name);
  if (!state || !h) return false;
  const step = direction === 'undo' ? h.undo() : h.redo();
  if (!step) return false;
  const data = withSlices(state.label?.data ?? null, state.image.dims, step.slices);
  commit(
    name,
    data,
    step.reviewed,
    step.slices.map((s) => s.z),
  );
  return true;
}
