/**
 * The page side of training: owns the one engine (worker), sends it the dataset, runs
 * training while mirroring its events into the store, keeps each run's weights, and asks
 * for predictions that the viewer overlays.
 */
import { createEngineClient, type CaseInput, type EngineClient } from './engine-client';
import type { BackendPreference, ModelArtifactsData } from '../../shared/protocol';
import type { TrainConfig } from '../../ml/train/config';
import { useStudio, type TrainingRun } from '../../store';
import type { Volume } from '../../io/volume';
import { persistRun } from './runs';
import { clearBackendChoice, loadBackendChoice, saveBackendChoice } from './backend-cache';

let client: EngineClient | null = null;
let starting: Promise<EngineClient> | null = null;
/** Run whose weights the worker currently holds. */
let loadedRun: string | null = null;
/** Weights of every finished run, kept on the page so any run can predict again. */
const weights = new Map<string, ModelArtifactsData>();

/**
 * The engine, started on first use on the preferred backend. 'auto' reuses this device's
 * remembered measurement, or measures (and remembers) when there is none.
 */
export function engine(preference: BackendPreference = 'auto'): Promise<EngineClient> {
  starting ??= (async () => {
    const c = createEngineClient();
    const cached = loadBackendChoice();
    if (preference === 'auto' && !cached) {
      useStudio
        .getState()
        .setBackendLabel('backend: starting, measuring which backend trains fastest…');
    }
    const ready = await c.init(preference, cached);
    saveBackendChoice(ready.choice);
    useStudio.getState().setBackendLabel(`${ready.backend} · ${ready.adapter}`);
    useStudio.getState().setBackendChoice(ready.choice);
    client = c;
    return c;
  })();
  return starting;
}

/**
 * Restarts the engine on another backend; trained weights stay on the page. `remeasure`
 * forgets the remembered measurement first, so that 'auto' times every backend again.
 */
export async function switchBackend(
  preference: BackendPreference,
  options: { remeasure?: boolean } = {},
): Promise<void> {
  const old = client;
  client = null;
  starting = null;
  loadedRun = null;
  if (options.remeasure) clearBackendChoice();
  useStudio.getState().setBackendChoice(null);
  if (old) await old.dispose().catch(() => undefined);
  useStudio.getState().setBackendLabel(`backend: starting ${preference}…`);
  await engine(preference);
}

/** The loaded cases as the engine needs them (channels and label on one grid). */
export function casesForEngine(): CaseInput[] {
  const { cases, files } = useStudio.getState();
  const out: CaseInput[] = [];
  for (const c of cases) {
    if (c.problem) continue;
    const vols = c.channels.map((ch) => files[ch.path]?.volumes?.[0]);
    const first = vols[0];
    if (!first || vols.some((v) => !v || v.dims.join() !== first.dims.join())) continue;
    const label = c.label ? files[c.label]?.volumes?.[0] : undefined;
    out.push({
      name: c.name,
      channels: vols.map((v) => (v as Volume).data),
      dims: first.dims,
      spacing: first.spacing,
      label: label ? label.data : null,
      role: c.split,
    });
  }
  return out;
}

/** Trains a new run (or fine-tunes the current model) and keeps its weights. */
export async function startTraining(config: TrainConfig, name: string): Promise<TrainingRun> {
  const store = useStudio.getState();
  const c = await engine();
  // Fine-tuning continues from the model selected before this run starts.
  const base = config.fineTune ? activeRun() : undefined;
  if (config.fineTune && (!base || !weights.has(base.id))) {
    throw new Error('select a trained or imported model to fine-tune');
  }
  const id = `run-${Date.now().toString(36)}`;
  store.addRun({
    id,
    name,
    architecture: config.model.architecture.kind,
    config,
    params: null,
    status: 'starting',
    steps: [],
    epochs: [],
    progress: null,
    startedAt: Date.now(),
  });
  const update = useStudio.getState().updateRun;
  const off = [
    c.on('started', (e) => update(id, () => ({ status: 'running', params: e.params }))),
    c.on('progress', (e) =>
      update(id, (r) => ({
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
      })),
    ),
    c.on('epoch', (e) => {
      update(id, (r) => ({ epochs: [...r.epochs, { ...e }] }));
      void previewPrediction(c, id);
    }),
  ];
  try {
    if (base && loadedRun !== base.id) {
      await c.loadModel(weights.get(base.id) as ModelArtifactsData);
      loadedRun = base.id;
    }
    if (!config.fineTune) loadedRun = null;
    await c.setData(casesForEngine(), 'replace');
    const done = await c.train(config);
    const status =
      done.reason === 'stopped' ? 'stopped' : done.reason === 'error' ? 'error' : 'finished';
    update(id, () => ({
      status,
      message: done.error?.message ?? describeDone(done.reason, done.bestEpoch),
    }));
    if (done.epochsRun > 0 || done.bestEpoch !== null || done.reason !== 'error') {
      weights.set(id, await c.saveModel());
      loadedRun = id;
      await persistRun(id);
    }
  } catch (err) {
    update(id, () => ({
      status: 'error',
      message: err instanceof Error ? err.message : String(err),
    }));
  } finally {
    off.forEach((f) => f());
  }
  const run = useStudio.getState().runs.find((r) => r.id === id) as TrainingRun;
  const selected = useStudio.getState().selectedCase;
  if (weights.has(id) && selected) await predictCase(id, selected).catch(reportError);
  return run;
}

function describeDone(reason: string, best: number | null): string {
  const kept = best !== null ? `; weights of epoch ${best} kept` : '';
  return `${reason.replace('-', ' ')}${kept}`;
}

export async function pauseTraining(paused: boolean): Promise<void> {
  const c = client;
  const run = activeRun();
  if (!c || !run) return;
  if (paused) await c.pause();
  else await c.resume();
  useStudio.getState().updateRun(run.id, () => ({ status: paused ? 'paused' : 'running' }));
}

export async function stopTraining(): Promise<void> {
  await client?.stop();
}

function activeRun(): TrainingRun | undefined {
  const s = useStudio.getState();
  return s.runs.find((r) => r.id === s.activeRunId);
}

let previewing = false;

/**
 * After each epoch, the model in training segments the case on screen, so the contour
 * appears early and improves while the user watches. Skipped while one is in flight.
 */
async function previewPrediction(c: EngineClient, runId: string): Promise<void> {
  const caseName = useStudio.getState().selectedCase;
  if (previewing || !caseName) return;
  previewing = true;
  try {
    await storePrediction(c, runId, caseName);
  } catch {
    // A preview is a courtesy; the final prediction reports its own errors.
  } finally {
    previewing = false;
  }
}

/** Predicts one case with a run's model; the result lands in the store on the case's grid. */
export async function predictCase(runId: string, caseName: string): Promise<Volume> {
  const c = await engine();
  const art = weights.get(runId);
  if (!art) throw new Error(`model of ${runId} has no saved weights`);
  if (loadedRun !== runId) {
    await c.loadModel(art);
    loadedRun = runId;
  }
  return storePrediction(c, runId, caseName);
}

/** Segments a case with the engine's current model and keeps the mask for the viewer. */
async function storePrediction(c: EngineClient, runId: string, caseName: string): Promise<Volume> {
  const input = casesForEngine().find((x) => x.name === caseName);
  if (!input) throw new Error(`case ${caseName} cannot be predicted (no readable image)`);
  const reply = await c.predict(
    { channels: input.channels, dims: input.dims, spacing: input.spacing },
    { largestComponent: useStudio.getState().largestRegion },
  );
  const s = useStudio.getState();
  const study = s.cases.find((x) => x.name === caseName);
  const image = study ? s.files[study.channels[0].path]?.volumes?.[0] : undefined;
  if (!image) throw new Error(`case ${caseName} is no longer loaded`);
  const volume: Volume = { ...image, data: Float32Array.from(reply.labels), sourceType: 'uint8' };
  s.setPrediction(runId, caseName, volume);
  s.updateRun(runId, () => ({
    message: `predicted ${caseName} in ${Math.round(reply.totalMs)} ms`,
  }));
  return volume;
}

export function runWeights(runId: string): ModelArtifactsData | undefined {
  return weights.get(runId);
}

export function addRunWeights(runId: string, artifacts: ModelArtifactsData): void {
  weights.set(runId, artifacts);
}

export function dropRunWeights(runId: string): void {
  weights.delete(runId);
  if (loadedRun === runId) loadedRun = null;
}

function reportError(err: unknown): void {
  useStudio
    .getState()
    .reportProblems([{ path: 'model', message: err instanceof Error ? err.message : String(err) }]);
}
