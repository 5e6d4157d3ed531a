/**
 * The run history: restoring saved models on start-up, importing model files,
 * persisting, renaming and deleting runs. Weights live beside the store (see session).
 */
import { useStudio, type TrainingRun } from '../../store';
import { addRunWeights, dropRunWeights, engine, runWeights } from './session';
import { deleteStoredRun, loadStoredRuns, saveStoredRun } from './run-store';
import { fromModelFiles } from './model-files';

function report(path: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  useStudio
    .getState()
    .reportProblems([{ path, message: message.includes(path) ? message : `${path}: ${message}` }]);
}

/** Saves a finished run with its weights; reports (but survives) storage failures. */
export async function persistRun(id: string): Promise<void> {
  const run = useStudio.getState().runs.find((r) => r.id === id);
  const artifacts = runWeights(id);
  if (!run || !artifacts) return;
  try {
    await saveStoredRun({ run, artifacts });
  } catch (err) {
    report(
      run.name,
      new Error(`could not be kept in browser storage (${String(err)}); download it to keep it`),
    );
  }
}

/** Puts the models kept from earlier visits back in the run list. */
export async function restoreRuns(): Promise<void> {
  let stored;
  try {
    stored = await loadStoredRuns();
  } catch {
    return; // No IndexedDB (private mode): nothing was kept.
  }
  const s = useStudio.getState();
  for (const { run, artifacts } of stored) {
    if (s.runs.some((r) => r.id === run.id)) continue;
    addRunWeights(run.id, artifacts);
    const interrupted =
      run.status === 'running' || run.status === 'starting' || run.status === 'paused';
    s.addRun({ ...run, status: interrupted ? 'stopped' : run.status });
  }
}

/** Loads a tfjs model (model.json + weights) as a new run that can predict or be fine-tuned. */
export async function importModel(files: File[]): Promise<void> {
  try {
    const { name, artifacts } = await fromModelFiles(files);
    const c = await engine();
    const loaded = await c.loadModel(artifacts);
    const id = `run-${Date.now().toString(36)}`;
    const run: TrainingRun = {
      id,
      name: `${name} (imported)`,
      architecture: loaded.spec?.architecture.kind ?? 'external',
      config: artifacts.metadata?.config ?? { model: loaded.spec, target: loaded.target },
      params: loaded.params,
      status: 'finished',
      steps: [],
      epochs: [],
      progress: null,
      startedAt: Date.now(),
      message: 'imported',
    };
    const metadata =
      artifacts.metadata ??
      (loaded.spec ? { spec: loaded.spec, target: loaded.target } : undefined);
    addRunWeights(id, { ...artifacts, metadata });
    useStudio.getState().addRun(run);
    await persistRun(id);
  } catch (err) {
    report(files.map((f) => f.name).join(' + ') || 'model', err);
  }
}

export async function deleteRun(id: string): Promise<void> {
  useStudio.getState().removeRun(id);
  dropRunWeights(id);
  await deleteStoredRun(id).catch(() => undefined);
}

export async function renameRun(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  useStudio.getState().updateRun(id, () => ({ name: trimmed }));
  await persistRun(id);
}
