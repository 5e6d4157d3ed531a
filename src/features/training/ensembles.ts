/**
 * Ensembles the user makes from any trained models: one more entry in the model list that
 * predicts with the average of its members' probabilities, sized as their sum. Members
 * must predict the same classes from the same channels; an ensemble of ensembles averages
 * all their models equally. Out-of-fold views are not models and cannot be members.
 */
import { useStudio, type TrainingRun } from '../../store';
import { summedSize } from './model-routing';
import { newRunId } from './run-id';
import { persistRun } from './run-persistence';

interface Shape {
  target?: unknown;
  model?: { inChannels?: number; numClasses?: number };
}

/** The ensemble run of `chosen` (without id and start time), or why it cannot be made. */
export function planEnsemble(
  chosen: readonly TrainingRun[],
  all: readonly TrainingRun[],
): { run: Omit<TrainingRun, 'id' | 'startedAt'> } | { problem: string } {
  if (chosen.some((r) => r.outOfFold)) {
    return { problem: 'out-of-fold predictions are not a model: pick the fold models instead' };
  }
  if (chosen.some((r) => r.hasModel !== true)) return { problem: 'every member must have a model' };
  const members = [...new Set(chosen.flatMap((r) => r.ensemble?.members ?? [r.id]))];
  if (members.length < 2) return { problem: 'an ensemble needs two or more models' };
  const runs = members.map((id) => all.find((r) => r.id === id));
  if (runs.some((r) => !r)) return { problem: 'a member model no longer exists' };
  const models = runs as TrainingRun[];
  const shape = (r: TrainingRun) => {
    const c = (r.config ?? {}) as Shape;
    return JSON.stringify([c.target, c.model?.inChannels, c.model?.numClasses]);
  };
  if (new Set(models.map(shape)).size > 1) {
    return { problem: 'the models predict different targets or take different channels' };
  }
  const kinds = [...new Set(models.map((r) => r.architecture))];
  const names = chosen.map((r) => r.name);
  return {
    run: {
      name: `Ensemble of ${names.length > 3 ? `${models.length} models` : names.join(' + ')}`,
      architecture: kinds.length === 1 ? kinds[0] : 'mixed',
      config: models[0].config,
      status: 'finished',
      steps: [],
      epochs: [],
      progress: null,
      message: `averages the probabilities of ${models.length} models`,
      hasModel: true,
      ensemble: { members },
      ...summedSize(models),
    },
  };
}

/** Adds an ensemble of the runs `ids` to the model list; returns its id. */
export async function createEnsemble(ids: readonly string[]): Promise<string> {
  const all = useStudio.getState().runs;
  const planned = planEnsemble(
    ids.flatMap((id) => all.filter((r) => r.id === id)),
    all,
  );
  if ('problem' in planned) throw new Error(planned.problem);
  const run: TrainingRun = { ...planned.run, id: newRunId(), startedAt: Date.now() };
  useStudio.getState().addRun(run);
  await persistRun(run.id);
  return run.id;
}
