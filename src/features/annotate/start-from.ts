/**
 * Where an annotation starts: an empty label, the case's manual label (the file it came
 * with, even after edits), or a model's prediction taken as a draft. Each start is one
 * undoable edit; a draft and an empty start count no slice until the user reviews it.
 */
import type { TargetSpec } from '../../ml/data/target';
import { useStudio } from '../../store';
import { deriveTarget } from '../training/target';
import { targetOf } from './fine-tune-config';
import { predictWithModel } from '../training/predictions';
import { caseState, setLabel } from './label-edits';

/** The label file the case came with, if any (before any edit). */
export function originalLabelPath(name: string): string | undefined {
  const c = useStudio.getState().cases.find((x) => x.name === name);
  if (!c) return undefined;
  return c.editedFrom !== undefined ? (c.editedFrom ?? undefined) : c.label;
}

/** Clears the label: the user draws from scratch. */
export function startEmpty(name: string): void {
  const state = caseState(name);
  if (state) setLabel(name, new Uint8Array(state.image.data.length), []);
}

/** Goes back to the manual label the case came with; all its slices count again. */
export function startFromManual(name: string): void {
  const path = originalLabelPath(name);
  const original = path ? useStudio.getState().files[path]?.volumes?.[0] : undefined;
  if (!original) throw new Error(`case ${name} came without a manual label`);
  setLabel(name, original.data, null);
}

/**
 * A prediction as label values: a binary model predicts a 0/1 mask, drawn as the value it
 * learnt (e.g. the sample's prostate, 5); several classes are label values already.
 */
export function draftValues(predicted: ArrayLike<number>, target: TargetSpec): Uint8Array {
  const value = target.mode === 'binary' ? (target.foregroundValues[0] ?? 1) : null;
  return Uint8Array.from(predicted, (v) => (value !== null && v !== 0 ? value : v));
}

/**
 * Takes `model`'s prediction of the case as the label to correct (predicting it first
 * when there is none yet); no slice counts until the user reviews it.
 */
export async function startFromDraft(name: string, model: string): Promise<void> {
  const s = useStudio.getState();
  const run = s.runs.find((r) => r.id === model);
  const target = targetOf(run?.config) ?? s.target ?? deriveTarget(s.cases);
  const stored = s.predictions[model]?.[name];
  const draft = stored ?? (await predictWithModel(model, name, model)).volume;
  setLabel(name, draftValues(draft.data, target), []);
}
