/**
 * `npm run eval`: trains a model on a folder of NIfTI cases with the studio's real worker
 * in headless Chromium (or loads a saved one, or cross-validates K of them), segments
 * every case of a test folder, with mirror averaging too on request, and reports per-case
 * Dice (and the other scores) with their summary, as text and JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FileRef, LoadedFolder } from '../src/bench/api';
import type { TargetSpec } from '../src/ml/data/target';
import { listFolder, writeJsonFile } from './lib/files';
import { int } from './lib/format';
import {
  callPage,
  FileTable,
  openBenchPage,
  pageErrorMessage,
  startHarness,
  type Harness,
} from './lib/harness';
import { readEvalOptions, type EvalOptions } from './lib/eval-options';
import { crossValidate } from './lib/eval-folds';
import { fineTuneStudy } from './lib/eval-fine-tune';
import { printScores, printTtaEffect, scoreSummaries, ttaEffect } from './lib/eval-report';
import { trainModel, type ModelOutcome } from './lib/eval-train';
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

async function loadModel(page: Page, dir: string, table: FileTable): Promise<ModelOutcome> {
  const files = (await listFolder(dir)).filter((f) => !f.relative.includes('/'));
  const refs = files.map((f) => table.add(f.absolute, f.relative, f.size));
  const loaded = await callPage(page, 'loadModel', [refs]);
  log(
    `loaded model from ${dir}: ${loaded.spec?.architecture.kind ?? 'unknown architecture'}, ` +
      `${loaded.inputSize}x${loaded.inputSize}, ${int(loaded.params.trainable)} trainable parameters`,
  );
  return {
    id: loaded.id,
    kind: loaded.spec?.architecture.kind ?? 'unknown',
    size: loaded.inputSize,
    params: loaded.params,
    training: null,
    config: { model: loaded.spec, target: loaded.target },
  };
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
  let train: LoadedFolder | null = null;
  if (o.train) {
    train = await callPage(page, 'loadFolder', [await serveFolder(o.train, table), 'train']);
    describeFolder('train', o.train, train);
    channels = train.cases[0].channels.length;
  }
  let test: LoadedFolder | null = null;
  if (o.test) {
    test = await callPage(page, 'loadFolder', [await serveFolder(o.test, table), 'test']);
    describeFolder('test', o.test, test);
  }
  await callPage(page, 'sendCases', []);
  const target: TargetSpec = { mode: 'binary', foregroundValues: o.foreground };
  const largestComponent = !o.allRegions;
  const common = {
    backend: ready.backend,
    adapter: ready.adapter,
    target,
    largestComponent,
    tta: o.tta,
  };
  if (o.folds !== undefined && train) {
    const cv = await crossValidate(page, o, target, channels, train, test, log);
    await callPage(page, 'dispose', []);
    return { model: o.model, ...common, ...cv };
  }
  const model = o.loadModel
    ? await loadModel(page, o.loadModel, table)
    : await trainModel(page, o, target, channels, log);
  if (o.saveModel) await saveModel(page, o.saveModel);
  const perCase = await callPage(page, 'evaluate', [target, largestComponent]);
  printScores(log, perCase);
  const mirrored = o.tta
    ? await callPage(page, 'evaluate', [target, largestComponent, { tta: true }])
    : null;
  if (mirrored) printTtaEffect(log, perCase, mirrored);
  const training = model.training;
  const fineTune = o.fineTune
    ? await fineTuneStudy(
        page,
        o,
        {
          id: model.id,
          config: model.config,
          trainCases: training?.trainCases ?? [],
          testScores: perCase,
        },
        await serveFolder(o.fineTune, table),
        target,
        largestComponent,
        log,
      )
    : null;
  await callPage(page, 'dispose', []);
  return {
    model: model.kind,
    params: model.params.trainable + model.params.nonTrainable,
    trainableParams: model.params.trainable,
    nonTrainableParams: model.params.nonTrainable,
    ...common,
    steps: training?.steps ?? 0,
    size: model.size,
    batch: training?.batch ?? null,
    msPerStep: training?.msPerStep ?? null,
    loadedFrom: o.loadModel ?? null,
    perCase,
    ...scoreSummaries(perCase),
    ...(mirrored
      ? {
          ttaResults: {
            perCase: mirrored,
            ...scoreSummaries(mirrored),
            effect: ttaEffect(perCase, mirrored),
          },
        }
      : {}),
    training,
    ...(fineTune ? { fineTune } : {}),
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
