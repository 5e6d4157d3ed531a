/**
 * `npm run eval`: trains a model on a folder of NIfTI cases with the studio's real worker
 * in headless Chromium (or loads a saved one), segments every case of a test folder, and
 * reports per-case Dice (and the other scores) with their summary, as text and JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CaseResult, FileRef, LoadedFolder } from '../src/bench/api';
import type { TargetSpec } from '../src/ml/data/target';
import { steadyStepMs, summarize } from '../src/bench/stats';
import { listFolder, writeJsonFile } from './lib/files';
import { columns, int, ms, score } from './lib/format';
import {
  callPage,
  FileTable,
  openBenchPage,
  pageErrorMessage,
  startHarness,
  type Harness,
} from './lib/harness';
import { readEvalOptions, type EvalOptions } from './lib/eval-options';
import { evalTrainConfig } from './lib/plan';
import { progressPrinter } from './lib/progress';

const log = (line: string) => console.log(line);
const warn = (line: string) => console.error(line);

async function serveFolder(dir: string, table: FileTable): Promise<FileRef[]> {
  return (await listFolder(dir)).map((f) => table.add(f.absolute, f.relative, f.size));
}

function describeFolder(label: string, dir: string, folder: LoadedFolder): void {
  const c = folder.cases[0];
  log(`${label}: ${folder.cases.length} cases from ${dir} (first: ${c.name}, ${c.dims.join('x')})`);
  for (const note of folder.notes) log(`  note: ${note}`);
}

/** The model the run evaluates: trained here, or loaded from files. */
interface ModelOutcome {
  kind: string;
  size: number;
  params: { trainable: number; nonTrainable: number };
  training: Record<string, unknown> | null;
}

async function trainModel(
  page: Page,
  o: EvalOptions,
  target: TargetSpec,
  channels: number,
): Promise<ModelOutcome> {
  const config = evalTrainConfig({ ...o, model: o.model ?? 'unet', target, inChannels: channels });
  const report = await callPage(page, 'train', [config]);
  const { done } = report;
  if (done.reason === 'error') {
    throw new Error(`training failed: ${done.error?.message ?? 'unknown error'}`);
  }
  const msPerStep = steadyStepMs(report.stepMs, 1);
  log(
    `training ${done.reason} after ${report.stepMs.length} steps, ${done.epochsRun} epochs; ` +
      `kept epoch ${done.bestEpoch ?? '-'} (val Dice ${score(done.metrics?.valDice)}); ` +
      `median ${ms(msPerStep)} ms/step, first step ${ms(report.stepMs[0])} ms`,
  );
  return {
    kind: config.model.architecture.kind,
    size: config.model.inputSize,
    params: report.started.params,
    training: {
      steps: report.stepMs.length,
      plannedSteps: report.started.totalSteps,
      epochs: config.epochs,
      stepsPerEpoch: report.started.stepsPerEpoch,
      batch: config.batchSize,
      msPerStep,
      firstStepMs: report.stepMs[0] ?? null,
      wallMs: report.wallMs,
      peakTensorBytes: report.peakBytes,
      stopReason: done.reason,
      bestEpoch: done.bestEpoch,
      epochsRun: done.epochsRun,
      trainCases: report.started.trainCases.map((n) => n.replace(/^train\//, '')),
      valCases: report.started.valCases.map((n) => n.replace(/^train\//, '')),
      history: report.epochs,
      config,
    },
  };
}

async function loadModel(page: Page, dir: string, table: FileTable): Promise<ModelOutcome> {
  const files = (await listFolder(dir)).filter((f) => !f.relative.includes('/'));
  const refs = files.map((f) => table.add(f.absolute, f.relative, f.size));
  const loaded = await callPage(page, 'loadModel', [refs]);
  log(
    `loaded model from ${dir}: ${loaded.spec?.architecture.kind ?? 'unknown architecture'}, ` +
      `${loaded.inputSize}x${loaded.inputSize}, ${int(loaded.params.trainable)} trainable parameters`,
  );
  return {
    kind: loaded.spec?.architecture.kind ?? 'unknown',
    size: loaded.inputSize,
    params: loaded.params,
    training: null,
  };
}

function printScores(results: CaseResult[]): void {
  const rows = results.map((r) => [
    r.name,
    score(r.dice),
    score(r.iou),
    score(r.precision),
    score(r.recall),
    score(r.hd95),
    score(r.assd),
    `${ms(r.msPerSlice)} ms/slice`,
  ]);
  log(columns([['case', 'Dice', 'IoU', 'prec', 'recall', 'HD95', 'ASSD', 'inference'], ...rows]));
  const d = summarize(results.map((r) => r.dice));
  log(`Dice mean ${score(d.mean)}  median ${score(d.median)}  max ${score(d.max)}  (n=${d.n})`);
}

async function saveModel(page: Page, dir: string): Promise<void> {
  const files = await callPage(page, 'saveModel', ['model']);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'model.json'), files.json);
  await writeFile(path.join(dir, files.weightsName), Buffer.from(files.weightsBase64, 'base64'));
  log(`model saved to ${path.join(dir, 'model.json')} + ${files.weightsName}`);
}

async function evaluate(harness: Harness, o: EvalOptions): Promise<Record<string, unknown>> {
  const table = new FileTable();
  const page = await openBenchPage(harness, table, progressPrinter(log), warn);
  const ready = await callPage(page, 'start', [o.backend]);
  log(`backend: ${ready.backend} (${ready.adapter})`);
  if (o.backend !== 'auto' && ready.backend !== o.backend) {
    const why = ready.failures.find((f) => f.backend === o.backend)?.message ?? 'unknown';
    warn(`warning: ${o.backend} could not start (${why}); running on ${ready.backend}`);
  }
  let channels = 1;
  if (o.train) {
    const train = await callPage(page, 'loadFolder', [await serveFolder(o.train, table), 'train']);
    describeFolder('train', o.train, train);
    channels = train.cases[0].channels.length;
  }
  const test = await callPage(page, 'loadFolder', [await serveFolder(o.test, table), 'test']);
  describeFolder('test', o.test, test);
  await callPage(page, 'sendCases', []);
  const target: TargetSpec = { mode: 'binary', foregroundValues: o.foreground };
  const model = o.loadModel
    ? await loadModel(page, o.loadModel, table)
    : await trainModel(page, o, target, channels);
  if (o.saveModel) await saveModel(page, o.saveModel);
  const largestComponent = !o.allRegions;
  const perCase = await callPage(page, 'evaluate', [target, largestComponent]);
  printScores(perCase);
  await callPage(page, 'dispose', []);
  const metric = (k: keyof CaseResult) => summarize(perCase.map((r) => r[k] as number | null));
  const training = model.training as { msPerStep?: number; steps?: number; batch?: number } | null;
  return {
    model: model.kind,
    params: model.params.trainable + model.params.nonTrainable,
    trainableParams: model.params.trainable,
    nonTrainableParams: model.params.nonTrainable,
    backend: ready.backend,
    adapter: ready.adapter,
    steps: training?.steps ?? 0,
    size: model.size,
    batch: training?.batch ?? null,
    msPerStep: training?.msPerStep ?? null,
    loadedFrom: o.loadModel ?? null,
    target,
    largestComponent,
    perCase,
    dice: metric('dice'),
    iou: metric('iou'),
    precision: metric('precision'),
    recall: metric('recall'),
    hd95: metric('hd95'),
    assd: metric('assd'),
    training: model.training,
  };
}

/** Runs the eval command; resolves with the process exit code. */
export async function runEval(argv: readonly string[]): Promise<number> {
  const o = readEvalOptions(argv);
  const harness = await startHarness(log);
  try {
    const result = await evaluate(harness, o);
    if (o.out) {
      const json = { command: 'eval', date: new Date().toISOString(), ...result };
      await writeJsonFile(o.out, json);
      log(`results written to ${o.out}`);
    }
    return 0;
  } catch (e) {
    warn(`eval failed: ${pageErrorMessage(e)}`);
    return 1;
  } finally {
    await harness.close();
  }
}
