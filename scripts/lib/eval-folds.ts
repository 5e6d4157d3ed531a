/**
 * `npm run eval -- --folds K`: K-fold cross-validation on the bench page. The train
 * folder's cases are dealt into K folds by case (stratified by label volume); each fold's
 * model trains on the other folds (best epoch on an inner validation share of them) and
 * is scored on its own held-out cases, so every case is scored once by a model that never
 * saw it. With a test folder, each fold model, the ensemble of all K (probabilities
 * averaged) and, with --tta, their mirror-averaged versions are scored on the same test
 * cases, which no fold trained on.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { CaseResult, EvaluateOptions, LoadedFolder } from '../../src/bench/api';
import type { TargetSpec } from '../../src/ml/data/target';
import { foldTable, type FoldCaseScore } from '../../src/features/crossval/fold-table';
import { meanSd, planFolds, type FoldPlan } from '../../src/features/crossval/folds';
import { callPage } from './harness';
import type { EvalOptions } from './eval-options';
import { printFoldTable, printScores, printTtaEffect, scoreSummaries } from './eval-report';
import { trainModel, type ModelOutcome } from './eval-train';
import { columns, duration, ms, score } from './format';

/** Share of each fold's training cases held back for its inner validation. */
export const INNER_VALIDATION = 0.15;

type Log = (line: string) => void;

function describePlan(log: Log, plan: FoldPlan): void {
  const how = plan.stratified ? 'stratified by label volume' : 'at random';
  log(`${plan.k}-fold cross-validation by case, ${how} (seed ${plan.seed}):`);
  for (const f of plan.folds) {
    log(
      `  fold ${f.index + 1}: holds out ${f.heldOut.join(', ')}; trains on ${f.train.length} ` +
        `cases, validates on ${f.val.join(', ') || 'none'}`,
    );
  }
}

async function saveFoldModel(page: Page, dir: string, fold: number, id: string, log: Log) {
  const files = await callPage(page, 'saveModel', ['model', id]);
  const out = path.join(dir, `fold${fold + 1}`);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'model.json'), files.json);
  await writeFile(path.join(out, files.weightsName), Buffer.from(files.weightsBase64, 'base64'));
  log(`  fold ${fold + 1} model saved to ${out}`);
}

const toFoldScores = (fold: number, r: readonly CaseResult[]): FoldCaseScore[] =>
  r.map((c) => ({ case: c.name, fold, dice: c.dice, iou: c.iou, hd95: c.hd95, assd: c.assd }));

/** Scores plain, and mirror-averaged too when asked. */
async function scoreBoth(
  page: Page,
  target: TargetSpec,
  largest: boolean,
  tta: boolean,
  options: EvaluateOptions,
): Promise<{ plain: CaseResult[]; tta: CaseResult[] | null }> {
  const plain = await callPage(page, 'evaluate', [target, largest, options]);
  const mirrored = tta
    ? await callPage(page, 'evaluate', [target, largest, { ...options, tta: true }])
    : null;
  return { plain, tta: mirrored };
}

/** One row of the test comparison: Dice mean / median / max, IoU, HD95, ASSD, ms per slice. */
function testRow(label: string, r: readonly CaseResult[]): string[] {
  const s = scoreSummaries(r);
  return [
    label,
    score(s.dice.mean),
    score(s.dice.median),
    score(s.dice.max),
    score(s.iou.mean),
    score(s.hd95.mean),
    score(s.assd.mean),
    ms(s.msPerSlice.mean),
  ];
}

function spreadRow(label: string, runs: readonly (readonly CaseResult[])[]): string[] {
  const of = (pick: (s: ReturnType<typeof scoreSummaries>) => number, format = score) => {
    const { mean, sd } = meanSd(runs.map((r) => pick(scoreSummaries(r))));
    return `${format(mean)} ± ${format(sd)}`;
  };
  return [
    label,
    of((s) => s.dice.mean),
    of((s) => s.dice.median),
    of((s) => s.dice.max),
    of((s) => s.iou.mean),
    of((s) => s.hd95.mean),
    of((s) => s.assd.mean),
    of((s) => s.msPerSlice.mean, ms),
  ];
}

/** Runs the cross-validation; returns its part of the JSON results. */
export async function crossValidate(
  page: Page,
  o: EvalOptions,
  target: TargetSpec,
  channels: number,
  train: LoadedFolder,
  test: LoadedFolder | null,
  log: Log,
): Promise<Record<string, unknown>> {
  const k = o.folds ?? 5;
  const plan = planFolds(
    train.cases.map((c) => ({ name: c.name, volume: c.labelMl })),
    k,
    o.seed ?? 42,
    INNER_VALIDATION,
  );
  describePlan(log, plan);
  const largest = !o.allRegions;
  const t0 = performance.now();
  const folds: Record<string, unknown>[] = [];
  const models: ModelOutcome[] = [];
  const oof: FoldCaseScore[] = [];
  const pooled: (CaseResult & { fold: number })[] = [];
  const oofTta: FoldCaseScore[] = [];
  const single: CaseResult[][] = [];
  const singleTta: CaseResult[][] = [];
  for (const f of plan.folds) {
    log(`fold ${f.index + 1}/${k} (${duration(performance.now() - t0)} elapsed)`);
    const model = await trainModel(page, o, target, channels, log, { train: f.train, val: f.val });
    models.push(model);
    if (o.saveModel) await saveFoldModel(page, o.saveModel, f.index, model.id, log);
    const held = await scoreBoth(page, target, largest, o.tta, {
      models: [model.id],
      cases: f.heldOut,
      role: 'train',
    });
    log(`  fold ${f.index + 1}, held-out cases:`);
    printScores(log, held.plain);
    if (held.tta) printTtaEffect(log, held.plain, held.tta);
    oof.push(...toFoldScores(f.index, held.plain));
    pooled.push(...held.plain.map((c) => ({ ...c, fold: f.index + 1 })));
    if (held.tta) oofTta.push(...toFoldScores(f.index, held.tta));
    const onTest = test
      ? await scoreBoth(page, target, largest, o.tta, { models: [model.id] })
      : null;
    if (onTest) single.push(onTest.plain);
    if (onTest?.tta) singleTta.push(onTest.tta);
    folds.push({
      fold: f.index + 1,
      heldOut: f.heldOut,
      trainCases: f.train,
      valCases: f.val,
      params: model.params,
      training: model.training,
      perCase: held.plain,
      summary: scoreSummaries(held.plain),
      ...(held.tta ? { tta: { perCase: held.tta, summary: scoreSummaries(held.tta) } } : {}),
      ...(onTest
        ? {
            test: {
              perCase: onTest.plain,
              summary: scoreSummaries(onTest.plain),
              ...(onTest.tta
                ? { tta: { perCase: onTest.tta, summary: scoreSummaries(onTest.tta) } }
                : {}),
            },
          }
        : {}),
    });
  }
  const table = foldTable(oof, k);
  log(`cross-validation: ${oof.length} held-out cases, each scored by the fold that never saw it`);
  printFoldTable(log, table);
  const tableTta = o.tta ? foldTable(oofTta, k) : null;
  if (tableTta) {
    log('the same, mirror-averaged (test-time augmentation):');
    printFoldTable(log, tableTta);
  }
  const result: Record<string, unknown> = {
    crossValidation: {
      k,
      seed: plan.seed,
      stratified: plan.stratified,
      innerValidation: INNER_VALIDATION,
    },
    folds,
    pooled: {
      perCase: pooled,
      ...scoreSummaries(pooled),
      table,
      ...(tableTta ? { tta: tableTta } : {}),
    },
    wallMs: performance.now() - t0,
  };
  if (test)
    result['test'] = await scoreTest(page, target, largest, o.tta, models, single, singleTta, log);
  return result;
}

async function scoreTest(
  page: Page,
  target: TargetSpec,
  largest: boolean,
  tta: boolean,
  models: readonly ModelOutcome[],
  single: readonly CaseResult[][],
  singleTta: readonly CaseResult[][],
  log: Log,
): Promise<Record<string, unknown>> {
  const ids = models.map((m) => m.id);
  const ensemble = await scoreBoth(page, target, largest, tta, { models: ids });
  const k = ids.length;
  log(`test cases (${ensemble.plain.map((c) => c.name).join(', ')}), seen by no fold:`);
  log(
    columns([
      ['model', 'Dice mean', 'median', 'max', 'IoU', 'HD95 mm', 'ASSD mm', 'ms/slice'],
      ...single.map((r, i) => testRow(`fold ${i + 1} model`, r)),
      spreadRow(`single model (mean ± sd of ${k})`, single),
      ...(singleTta.length ? [spreadRow(`single model + TTA (mean ± sd of ${k})`, singleTta)] : []),
      testRow(`ensemble of ${k}`, ensemble.plain),
      ...(ensemble.tta ? [testRow(`ensemble of ${k} + TTA`, ensemble.tta)] : []),
    ]),
  );
  const spread = (runs: readonly CaseResult[][]) => ({
    diceMean: meanSd(runs.map((r) => scoreSummaries(r).dice.mean)),
    msPerSlice: meanSd(runs.map((r) => scoreSummaries(r).msPerSlice.mean)),
  });
  return {
    cases: ensemble.plain.map((c) => c.name),
    singleModels: spread(single),
    ...(singleTta.length ? { singleModelsTta: spread(singleTta) } : {}),
    ensemble: { models: k, perCase: ensemble.plain, summary: scoreSummaries(ensemble.plain) },
    ...(ensemble.tta
      ? { ensembleTta: { models: k, perCase: ensemble.tta, summary: scoreSummaries(ensemble.tta) } }
      : {}),
  };
}
