/**
 * The bench page's API, written against an engine client factory so the same code runs
 * the real training worker in the browser and an in-thread engine in Node tests. It keeps
 * the decoded cases on the page side (as the studio does), turns the engine's events into
 * a per-step report, and scores predictions against the labels.
 */
import { PHANTOM_PROSTATE_VALUE, generatePhantomCase } from '../sample';
import type { EngineApi } from '../engine/api';
import { fromModelFiles, toModelFiles } from '../features/training/model-files';
import type { CaseData as CaseInput, SplitRole } from '../ml/types';
import type { TargetSpec } from '../ml/data/target';
import type { TrainConfig } from '../ml/train/config';
import type {
  BenchApi,
  BenchEvent,
  CaseResult,
  EvaluateOptions,
  FileRef,
  LoadedFolder,
  TrainReport,
} from './api';
import { predictedMask, scoreMasks, truthMask, type DistanceFn } from './case-scores';
import { loadFolder, type FolderCase, type ReadBytes } from './load-folder';

/** What the API needs from its surroundings. */
export interface BenchDeps {
  createClient(): EngineApi;
  readBytes: ReadBytes;
  /** Receives every training event (the page forwards them to the script). */
  report?(event: BenchEvent): void;
  /** Surface distances, when a metrics module provides them. */
  distance?: DistanceFn;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  // Chunks keep String.fromCharCode's argument list within engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function phantomCases(count: number, size: number, slices: number): FolderCase[] {
  return Array.from({ length: count }, (_, i) => {
    const c = generatePhantomCase(i, { size, slices });
    const input: CaseInput = {
      name: `train/${c.name}`,
      channels: [c.image.data as Float32Array<ArrayBuffer>],
      dims: c.image.dims,
      spacing: c.image.spacing,
      label: c.label.data as Float32Array<ArrayBuffer>,
      role: 'train',
    };
    const info = {
      name: c.name,
      role: 'train' as const,
      channels: [`${c.name} (generated)`],
      label: `${c.name} label (generated)`,
      dims: c.image.dims,
      spacing: c.image.spacing,
      labelMl: 0,
    };
    return { input, info };
  });
}

/** Builds the API on `deps`. */
export function createBenchApi(deps: BenchDeps): BenchApi {
  let client: EngineApi | null = null;
  const cases = new Map<string, FolderCase>();
  /** The model `evaluate` and `saveModel` use: the last trained or loaded one. */
  let current: string | null = null;
  /** Models this page made, dropped from the engine's storage on dispose. */
  const made: string[] = [];
  const newModelId = (kind: string) => {
    const id = `bench-${kind}-${Date.now().toString(36)}-${made.length}`;
    made.push(id);
    return id;
  };
  const model = (): string => {
    if (!current) throw new Error('no model: train or load one first');
    return current;
  };

  const engine = (): EngineApi => {
    if (!client) throw new Error('no engine: call start(backend) first');
    return client;
  };
  const caseNamed = (name: string, role: SplitRole): FolderCase => {
    const c = cases.get(`${role}/${name}`);
    if (!c) throw new Error(`no ${role} case named ${name}`);
    return c;
  };
  const keep = (loaded: FolderCase[], role: SplitRole, notes: string[]): LoadedFolder => {
    for (const key of [...cases.keys()]) if (key.startsWith(`${role}/`)) cases.delete(key);
    for (const c of loaded) cases.set(c.input.name, c);
    return { cases: loaded.map((c) => c.info), notes };
  };

  /** The run `train` is waiting for, which `stop` ends. */
  let running: string | null = null;

  async function train(
    config: TrainConfig,
    named?: { train: string[]; val: string[] },
    from?: string,
  ): Promise<TrainReport> {
    const c = engine();
    const report: Omit<TrainReport, 'started' | 'done' | 'wallMs'> = {
      stepMs: [],
      stepLoss: [],
      peakBytes: 0,
      reports: [],
      epochs: [],
    };
    let started: TrainReport['started'] | null = null;
    let lastElapsed = 0;
    const run = newModelId('run');
    const off = c.subscribe((e) => {
      if (e.type === 'started' && e.run === run) {
        started = e;
        deps.report?.(e);
      } else if (e.type === 'progress' && e.run === run) {
        report.stepMs.push(e.elapsedMs - lastElapsed);
        lastElapsed = e.elapsedMs;
        report.stepLoss.push(e.stepLoss);
        report.peakBytes = Math.max(report.peakBytes, e.numBytes);
        report.reports.push({ step: e.step, epoch: e.epoch, transfers: e.transfers ?? null });
        deps.report?.(e);
      } else if (e.type === 'epoch' && e.run === run) {
        report.epochs.push(e);
        deps.report?.(e);
      }
    });
    const t0 = performance.now();
    running = run;
    try {
      // A name is the engine's ("test/x") or a case of the train folder ("x", a fold's).
      const engineName = (n: string) => (cases.has(n) ? n : caseNamed(n, 'train').input.name);
      const chosen = named
        ? { train: named.train.map(engineName), val: named.val.map(engineName) }
        : undefined;
      const done = await c.train({
        run,
        config,
        ...(chosen ? { cases: chosen } : {}),
        ...(from ? { from } : {}),
      });
      if (!started) throw new Error('the engine finished a run it never started');
      if (done.model) current = done.model;
      return { ...report, started, done, wallMs: performance.now() - t0 };
    } finally {
      running = null;
      off();
    }
  }

  async function evaluate(
    target: TargetSpec,
    largestComponent: boolean,
    options: EvaluateOptions = {},
  ): Promise<CaseResult[]> {
    const role = options.role ?? 'test';
    const chosen = options.cases
      ? options.cases.map((n) => caseNamed(n, role))
      : [...cases.values()].filter((c) => c.input.role === role && c.input.label);
    const models = options.models ?? [model()];
    const out: CaseResult[] = [];
    for (const c of chosen) {
      if (!c.input.label) throw new Error(`${role} case ${c.info.name} has no label to score`);
      const p = await engine().predict({
        model: models,
        case: c.input.name,
        largestComponent,
        tta: options.tta === true,
      });
      const predicted = predictedMask(p.labels);
      const truth = truthMask(c.input.label, target);
      const scores = scoreMasks(predicted, truth, c.input.dims, c.input.spacing, deps.distance);
      out.push({
        name: c.info.name,
        ...scores,
        slices: c.input.dims[2],
        msPerSlice: p.msPerSlice,
        totalMs: p.totalMs,
        truthVoxels: truth.reduce((n, v) => n + v, 0),
        predictedVoxels: predicted.reduce((n, v) => n + v, 0),
      });
    }
    return out;
  }

  return {
    async start(backend, threads) {
      await client?.dispose().catch(() => undefined);
      client = deps.createClient();
      current = null;
      return client.init({ backend, cached: null, ...(threads ? { threads } : {}) });
    },
    async loadFolder(files, role) {
      const { cases: loaded, notes } = await loadFolder(files, role, deps.readBytes);
      return keep(loaded, role, notes);
    },
    loadPhantom: (count, size, slices) =>
      Promise.resolve(keep(phantomCases(count, size, slices), 'train', [])),
    phantomTarget: () => ({ mode: 'binary', foregroundValues: [PHANTOM_PROSTATE_VALUE] }),
    async sendCases() {
      await engine().putCases([...cases.values()].map((c) => c.input));
    },
    train,
    async stop() {
      if (running) await engine().stop(running);
    },
    evaluate,
    async predictTiming(name, role) {
      const c = caseNamed(name, role);
      const p = await engine().predict({ model: model(), case: c.input.name });
      return { dims: p.dims, msPerSlice: p.msPerSlice, totalMs: p.totalMs };
    },
    async saveModel(baseName, id) {
      const files = toModelFiles(await engine().exportModel(id ?? model()), baseName);
      return {
        json: files.json,
        weightsName: files.weightsName,
        weightsBase64: toBase64(files.weights),
      };
    },
    async loadModel(files: FileRef[]) {
      const loaded = await Promise.all(
        // fromModelFiles matches weight files by their base name.
        files.map(
          async (f) =>
            new File(
              [(await deps.readBytes(f)).slice()],
              f.path.slice(f.path.lastIndexOf('/') + 1),
            ),
        ),
      );
      const { artifacts } = await fromModelFiles(loaded);
      const info = await engine().importModel({ id: newModelId('loaded'), artifacts });
      current = info.id;
      return info;
    },
    async dispose() {
      for (const id of made.splice(0)) await client?.dropModel(id).catch(() => undefined);
      await client?.dispose();
      client = null;
      current = null;
    },
  };
}
