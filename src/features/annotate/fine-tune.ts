/**
 * Fine-tuning a model on the user's corrected labels: a copy of the chosen model trains
 * on the corrected cases (optionally with the cases it was first trained on), and its Dice
 * on each corrected case (reviewed slices) is measured before and after, so the user sees
 * what the corrections did. The run is an ordinary run: it shows in the curves, as a
 * continuation of its base, and can be paused, stopped and resumed.
 */
import { useStudio, type CorrectionScore, type TrainingRun } from '../../store';
import type { TargetSpec } from '../../ml/data/target';
import { predictWithModel } from '../training/predictions';
import { startTraining } from '../training/run-actions';
import { persistRun } from '../training/run-persistence';
import { deriveTarget } from '../training/target';
import { foregroundOf, reviewedDice } from './correction-dice';
import { fineTuneConfig, targetOf, type FineTuneOptions } from './fine-tune-config';
import { caseState } from './label-edits';

/** Cases whose label the user edited and that have a slice to learn from. */
export function correctedCases(): string[] {
  return useStudio
    .getState()
    .cases.filter(
      (c) =>
        c.editedFrom !== undefined &&
        !c.problem &&
        c.label !== undefined &&
        (c.reviewed == null || c.reviewed.length > 0),
    )
    .map((c) => c.name);
}

/** Dice of `model` on each case (reviewed slices of its current label). */
export async function scoreCorrections(
  model: string,
  cases: readonly string[],
  target: TargetSpec,
): Promise<{ case: string; dice: number | null }[]> {
  const out = [];
  for (const name of cases) {
    const { volume } = await predictWithModel(model, name, model);
    const state = caseState(name);
    const dice =
      state?.label && volume.data.length === state.label.data.length
        ? reviewedDice(
            volume.data,
            state.label.data,
            state.image.dims,
            state.study.reviewed ?? null,
            foregroundOf(target),
          )
        : null;
    out.push({ case: name, dice });
  }
  return out;
}

/** Labelled, usable cases among `names` (those still in the dataset), minus `except`. */
function usable(names: readonly string[] | undefined, except: readonly string[]): string[] {
  const cases = useStudio.getState().cases;
  return (names ?? []).filter((n) => {
    const c = cases.find((x) => x.name === n);
    return c?.label !== undefined && !c.problem && !except.includes(n);
  });
}

/** The cases the fine-tune trains and validates on. */
function runCases(base: TrainingRun, corrected: readonly string[], mix: boolean) {
  if (!mix) return { train: [...corrected], val: [] };
  const fallback = useStudio
    .getState()
    .cases.filter((c) => c.split === 'train')
    .map((c) => c.name);
  const train = [...corrected, ...usable(base.trainCases ?? fallback, corrected)];
  return { train, val: usable(base.valCases, train) };
}

/**
 * Fine-tunes run `baseId`'s model on `cases`; `onStage` hears what it is doing. Resolves
 * with the new run's id once it has been scored, or null if no model came out of it.
 */
export async function fineTuneOnCorrections(
  baseId: string,
  cases: readonly string[],
  options: FineTuneOptions,
  onStage: (message: string) => void = () => undefined,
): Promise<string | null> {
  const s = useStudio.getState();
  const base = s.runs.find((r) => r.id === baseId);
  if (!base?.hasModel) throw new Error('choose a trained model to fine-tune');
  if (cases.length === 0) throw new Error('no corrected case to fine-tune on');
  const target = targetOf(base.config) ?? s.target ?? deriveTarget(s.cases);
  const config = { ...fineTuneConfig(base.config, target, options), target };
  onStage(`scoring ${base.name} on ${cases.length} corrected case(s)`);
  const before = await scoreCorrections(base.id, cases, target);
  const corrections: CorrectionScore[] = before.map((b) => ({
    case: b.case,
    before: b.dice,
    after: null,
  }));
  onStage('fine-tuning');
  const id = await startTraining(config, `${base.name} + corrections`, base.id, {
    cases: runCases(base, cases, options.mixOriginal),
    extra: { corrections },
  });
  if (!useStudio.getState().runs.find((r) => r.id === id)?.hasModel) return null;
  onStage('scoring the fine-tuned model');
  const after = await scoreCorrections(id, cases, target);
  useStudio.getState().updateRun(id, (r) => ({
    corrections: (r.corrections ?? corrections).map((c) => ({
      ...c,
      after: after.find((a) => a.case === c.case)?.dice ?? null,
    })),
  }));
  await persistRun(id);
  return id;
}
