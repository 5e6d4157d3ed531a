/**
 * What the Train panel's buttons do: start a run (shown at once, queued while the engine
 * measures its backend), pause and resume it (the intent is shown at once and applied in
 * order, so quick repeated presses end where the last press points), stop it, and resume
 * an interrupted run from its last checkpoint. The engine's events land in the run's
 * curves; curves and checkpoints are saved as they come, so a reload keeps them.
 */
import type { TrainOutcome } from '../../engine/api';
import type { TrainConfig } from '../../ml/train/config';
import { isActive, isComposite, useStudio, type TrainingRun } from '../../store';
import { engineReady, engineWithCases, onEngineEvent, onEngineLost } from './engine-session';
import { persistRun } from './run-persistence';
import { predictCase } from './predictions';
import { newRunId } from './run-id';

const update = (id: string, change: (r: TrainingRun) => Partial<TrainingRun>) =>
  useStudio.getState().updateRun(id, change);

const runOf = (id: string) => useStudio.getState().runs.find((r) => r.id === id);

/** The run the engine is working on, if any. */
export function activeRun(): TrainingRun | undefined {
  return useStudio.getState().runs.find((r) => isActive(r));
}

let wired = false;

/** Routes engine events into the runs they belong to; once per page. */
export function wireRunEvents(): void {
  if (wired) return;
  wired = true;
  onEngineEvent((e) => {
    switch (e.type) {
      case 'started':
        update(e.run, (r) => ({
          status: r.status === 'starting' ? 'running' : r.status,
          params: e.params,
          trainCases: e.trainCases,
          valCases: e.valCases,
          message: e.resumedAtEpoch > 0 ? `resumed after epoch ${e.resumedAtEpoch}` : r.message,
        }));
        return;
      case 'progress':
        update(e.run, (r) => ({
          steps: [...r.steps, { step: e.step, loss: e.stepLoss }],
          progress: {
            step: e.step,
            totalSteps: e.totalSteps,
            epoch: e.epoch,
            slicesPerSecond: e.slicesPerSecond,
            elapsedMs: e.elapsedMs,
            etaMs: e.etaMs,
            numTensors: e.numTensors,
            numBytes: e.numBytes,
          },
        }));
        return;
      case 'epoch': {
        // Drop the event's own fields; the rest is the epoch's metrics.
        const { type: _type, run, ...metrics } = e;
        update(run, (r) => ({ epochs: [...r.epochs.filter((x) => x.epoch < e.epoch), metrics] }));
        previewAfterEpoch(run, e.epoch);
        return;
      }
      case 'checkpoint':
        update(e.run, () => ({
          checkpoint: { epoch: e.epoch, step: e.step, totalSteps: e.totalSteps },
        }));
        // Saved at once: a checkpoint is once an epoch, and a reload right after it must
        // find it (a debounced save never ran while a fast run kept updating).
        void persistRun(e.run);
        return;
      case 'backend-lost':
        return;
    }
  });
  onEngineLost((reason) => {
    const run = activeRun();
    if (!run) return;
    update(run.id, (r) => ({ status: 'interrupted', message: interruptedMessage(r, reason) }));
    void persistRun(run.id);
  });
}

function interruptedMessage(r: TrainingRun, reason: string): string {
  const at = r.checkpoint
    ? `; resume from epoch ${r.checkpoint.epoch}`
    : '; no epoch was completed';
  return `interrupted: ${reason}${at}`;
}

let previewing = false;

/** After each epoch, the model in training segments the case on screen (one at a time). */
function previewAfterEpoch(runId: string, epoch: number): void {
  const caseName = useStudio.getState().selectedCase;
  // After the last epoch the run's own prediction follows: a preview would only delay it.
  const epochs = (runOf(runId)?.config as { epochs?: number } | undefined)?.epochs;
  const last = epochs !== undefined && epoch >= epochs;
  if (previewing || !caseName || last) return;
  previewing = true;
  predictCase(runId, caseName, { preview: true })
    .catch(() => undefined) // A preview is a courtesy; the final prediction reports errors.
    .finally(() => (previewing = false));
}

/** What the status line adds to the run's status word (which says finished or stopped). */
function describeDone(o: TrainOutcome): string {
  if (o.reason === 'error') return o.error?.message ?? 'failed';
  const kept = o.bestEpoch !== null ? `weights of epoch ${o.bestEpoch} kept` : '';
  const said = o.reason === 'finished' || o.reason === 'stopped';
  return said ? kept : [o.reason.replace('-', ' '), kept].filter(Boolean).join('; ');
}

/** Runs a prepared request on the engine and records how it ends. */
async function runOnEngine(
  id: string,
  request: (c: Awaited<ReturnType<typeof engineWithCases>>) => Promise<TrainOutcome>,
): Promise<void> {
  try {
    const c = await engineWithCases();
    // Stopped while it waited for the engine: nothing to run.
    if (runOf(id)?.status === 'stopped') return;
    update(id, (r) => ({
      status: r.status === 'queued' ? 'starting' : r.status,
      message: undefined,
    }));
    const outcome = await request(c);
    const status =
      outcome.reason === 'stopped' ? 'stopped' : outcome.reason === 'error' ? 'error' : 'finished';
    update(id, () => ({
      status,
      message: describeDone(outcome),
      hasModel: outcome.model !== null,
      params: outcome.params,
      sizeBytes: outcome.sizeBytes ?? undefined,
      checkpoint: status === 'finished' ? null : runOf(id)?.checkpoint,
    }));
  } catch (err) {
    // A lost engine has marked the run interrupted already.
    if (runOf(id)?.status === 'interrupted') return;
    update(id, () => ({
      status: 'error',
      message: err instanceof Error ? err.message : String(err),
    }));
  }
  await persistRun(id);
  const selected = useStudio.getState().selectedCase;
  if (runOf(id)?.hasModel && selected) await predictCase(id, selected).catch(() => undefined);
}

/** What else a run may be started with. */
export interface StartOptions {
  /** Its id, when the caller must know it before the run ends (a cross-validation fold). */
  id?: string;
  /** The cases to train and validate on, by name; default: the dataset's splits. */
  cases?: { train: string[]; val: string[] };
  /** The cross-validation fold it trains. */
  crossValidation?: TrainingRun['crossValidation'];
  /** Fields the run carries from its start (e.g. scores of the model it fine-tunes). */
  extra?: Partial<TrainingRun>;
}

/**
 * Starts a run (`from`: fine-tune that run's model) and resolves with its id once it
 * ends. The run shows at once; while the engine's first start measures the backends it
 * waits as 'queued'.
 */
export async function startTraining(
  config: TrainConfig,
  name: string,
  from?: string,
  options: StartOptions = {},
): Promise<string> {
  if (activeRun()) throw new Error('a run is already in progress');
  const base = from ? runOf(from) : undefined;
  if (base && isComposite(base)) {
    throw new Error('an ensemble or out-of-fold view cannot be fine-tuned: pick one of its models');
  }
  wireRunEvents();
  const id = options.id ?? newRunId();
  const { cases, crossValidation } = options;
  const ready = engineReady();
  useStudio.getState().addRun({
    id,
    name,
    architecture: config.model.architecture.kind,
    config,
    params: null,
    status: ready ? 'starting' : 'queued',
    steps: [],
    epochs: [],
    progress: null,
    startedAt: Date.now(),
    ...(ready ? {} : { message: 'waiting for the backend check to finish' }),
    ...(from ? { from } : {}),
    ...(cases ? { cases } : {}),
    ...(crossValidation ? { crossValidation } : {}),
    ...options.extra,
  });
  // Kept from the start: a reload during the first epoch shows the run as interrupted.
  void persistRun(id);
  await runOnEngine(id, (c) =>
    c.train({ run: id, config, ...(from ? { from } : {}), ...(cases ? { cases } : {}) }),
  );
  return id;
}

/** Continues an interrupted or stopped run from its last checkpoint. */
export async function resumeRun(id: string): Promise<void> {
  const run = runOf(id);
  if (!run?.checkpoint) throw new Error('this run has no checkpoint to resume from');
  if (activeRun()) throw new Error('a run is already in progress');
  wireRunEvents();
  const ck = run.checkpoint;
  // The curves go on from the checkpoint; what came after it is trained again.
  update(id, (r) => ({
    status: engineReady() ? 'starting' : 'queued',
    steps: r.steps.filter((p) => p.step <= ck.step),
    epochs: r.epochs.filter((e) => e.epoch <= ck.epoch),
    progress: null,
    message: `resuming after epoch ${ck.epoch}`,
  }));
  useStudio.getState().setActiveRun(id);
  await runOnEngine(id, (c) =>
    c.train({ run: id, config: run.config as TrainConfig, resume: true }),
  );
}

/** Where the user wants the active run: paused or not, and what the engine was last told. */
let wantPaused = false;
let applied = false;
let applying = false;

/** Pause or resume the active run; repeated presses toggle the wish, applied in order. */
export function togglePause(): void {
  const run = activeRun();
  if (!run || run.status === 'queued' || run.status === 'starting') return;
  const pausedNow = run.status === 'paused' || run.status === 'pausing';
  if (!applying) applied = run.status === 'paused';
  wantPaused = !pausedNow;
  update(run.id, () => ({ status: wantPaused ? 'pausing' : 'resuming' }));
  void applyPause(run.id);
}

async function applyPause(id: string): Promise<void> {
  if (applying) return;
  applying = true;
  try {
    const c = await engineWithCases();
    while (applied !== wantPaused) {
      const target = wantPaused;
      await (target ? c.pause(id) : c.resume(id));
      applied = target;
    }
    const r = runOf(id);
    if (r && isActive(r)) update(id, () => ({ status: applied ? 'paused' : 'running' }));
  } finally {
    applying = false;
  }
}

/** Stops the active run at its next step. */
export async function stopTraining(): Promise<void> {
  const run = activeRun();
  if (!run) return;
  if (run.status === 'queued') {
    update(run.id, () => ({ status: 'stopped', message: 'stopped before it started' }));
    return;
  }
  const c = await engineWithCases();
  await c.stop(run.id);
}
