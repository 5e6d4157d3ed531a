/**
 * The run history across visits: runs saved as they progress (curves after every epoch,
 * so a reload loses at most the epoch in flight), restored on start-up (runs that were
 * in progress come back as interrupted, resumable when they have a checkpoint), model
 * files imported as runs, renamed and deleted.
 */
import { isActive, isComposite, useStudio, type TrainingRun } from '../../store';
import { dependents } from './model-routing';
import { architecture, isArchitectureKind } from '../../ml/models/registry';
import { engine } from './engine-session';
import { deleteStoredRun, loadStoredRuns, saveStoredRun } from './run-store';
import { fromModelFiles } from './model-files';
import { newRunId } from './run-id';
import type { ModelArtifactsData } from '../../ml/types';

function report(path: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  useStudio
    .getState()
    .reportProblems([{ path, message: message.includes(path) ? message : `${path}: ${message}` }]);
}

/** Saves a run; reports (but survives) storage failures. */
export async function persistRun(id: string): Promise<void> {
  const run = useStudio.getState().runs.find((r) => r.id === id);
  if (!run) return;
  try {
    await saveStoredRun(run);
  } catch (err) {
    report(run.name, new Error(`could not be kept in browser storage (${String(err)})`));
  }
}

/** Puts the runs kept from earlier visits back in the run list. */
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
    const interrupted = isActive(run);
    const restored: TrainingRun = {
      ...run,
      // A prediction under way when the page closed ended with it.
      predicting: null,
      hasModel: run.hasModel ?? artifacts !== undefined,
      ...(interrupted
        ? {
            status: 'interrupted',
            message: run.checkpoint
              ? `interrupted (the page was closed); resume from epoch ${run.checkpoint.epoch}`
              : 'interrupted (the page was closed) before its first epoch ended',
          }
        : {}),
    };
    useStudio.getState().addRun(restored);
    if (artifacts) await migrate(restored, artifacts);
    else if (interrupted) void persistRun(run.id);
  }
  const last = useStudio.getState().runs.at(-1);
  useStudio.getState().setActiveRun(last?.id ?? null);
}

/** Hands weights stored by an earlier version to the engine, then stores the run alone. */
async function migrate(run: TrainingRun, artifacts: ModelArtifactsData): Promise<void> {
  try {
    const c = await engine();
    await c.importModel({ id: run.id, artifacts });
    await persistRun(run.id);
  } catch (err) {
    report(run.name, err);
  }
}

/** Loads a tfjs model (model.json + weights) as a new run that can predict or be fine-tuned. */
export async function importModel(files: File[]): Promise<void> {
  try {
    const { name, artifacts } = await fromModelFiles(files);
    const c = await engine();
    const id = newRunId();
    const info = await c.importModel({ id, artifacts });
    const kind = info.spec?.architecture.kind;
    const run: TrainingRun = {
      id,
      name: `${name} (imported)`,
      architecture: kind && isArchitectureKind(kind) ? kind : 'external',
      config: artifacts.metadata?.config ?? { model: info.spec, target: info.target },
      params: info.params,
      status: 'finished',
      steps: [],
      epochs: [],
      progress: null,
      startedAt: Date.now(),
      message:
        kind && isArchitectureKind(kind) ? `imported ${architecture(kind).label}` : 'imported',
      hasModel: true,
      sizeBytes: artifacts.weightData.byteLength,
    };
    useStudio.getState().addRun(run);
    await persistRun(id);
  } catch (err) {
    report(files.map((f) => f.name).join(' + ') || 'model', err);
  }
}

/** Deletes a run, its model, and the ensembles or out-of-fold views that rely on it. */
export async function deleteRun(id: string): Promise<void> {
  const run = useStudio.getState().runs.find((r) => r.id === id);
  for (const d of dependents(useStudio.getState().runs, id)) await deleteRun(d.id);
  useStudio.getState().removeRun(id);
  await deleteStoredRun(id).catch(() => undefined);
  // A composite run has no weights of its own: its members keep theirs.
  if (run && isComposite(run)) return;
  const c = await engine().catch(() => null);
  await c?.dropModel(id).catch(() => undefined);
}

export async function renameRun(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  useStudio.getState().updateRun(id, () => ({ name: trimmed }));
  await persistRun(id);
}
