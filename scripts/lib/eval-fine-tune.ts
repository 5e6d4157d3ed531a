/**
 * `npm run eval -- --fine-tune DIR`: the Annotate workspace's loop measured on held-out
 * cases. The model (trained or loaded) is scored on the test cases and on the fine-tune
 * folder's cases, fine-tuned on the latter's labels (standing for a user's corrections)
 * with the workspace's own configuration (fineTuneConfig: small constant learning rate,
 * no early stopping), and scored again on both; the fine-tune's wall time is reported.
 */
import type { Page } from 'playwright-core';
import type { CaseResult, FileRef, LoadedFolder } from '../../src/bench/api';
import { steadyStepMs } from '../../src/bench/stats';
import { FINE_TUNE_DEFAULTS, fineTuneConfig } from '../../src/features/annotate/fine-tune-config';
import type { TargetSpec } from '../../src/ml/data/target';
import type { EvalOptions } from './eval-options';
import { printScores, scoreSummaries } from './eval-report';
import { duration, ms, score } from './format';
import { callPage } from './harness';
import { fineTuneSchedule } from './plan';

/** The model to fine-tune, as the eval command has it. */
export interface FineTuneBase {
  id: string;
  /** Its training configuration (a trained model's), or at least its network spec. */
  config: unknown;
  /** Engine names of the cases it was trained on, mixed in unless --fine-tune-alone. */
  trainCases: string[];
  /** Its scores on the test cases, which the eval has already made. */
  testScores: CaseResult[];
}

function change(before: readonly CaseResult[], after: readonly CaseResult[]) {
  const a = scoreSummaries(before).dice;
  const b = scoreSummaries(after).dice;
  return { diceBefore: a.mean, diceAfter: b.mean, change: b.mean - a.mean };
}

/**
 * Scores `base` on `tune`'s cases (its test scores it brings), fine-tunes it on them
 * (loaded as the 'val' folder), and scores the new model on both the test and those cases.
 */
export async function fineTuneStudy(
  page: Page,
  o: EvalOptions,
  base: FineTuneBase,
  tune: FileRef[],
  target: TargetSpec,
  largestComponent: boolean,
  log: (line: string) => void,
): Promise<Record<string, unknown>> {
  const folder: LoadedFolder = await callPage(page, 'loadFolder', [tune, 'val']);
  const names = folder.cases.map((c) => c.name);
  log(`fine-tune: ${names.length} cases from ${o.fineTune ?? ''} (${names.join(', ')})`);
  await callPage(page, 'sendCases', []);
  const onTune = (model: string) =>
    callPage(page, 'evaluate', [target, largestComponent, { models: [model], role: 'val' }]);
  const testBefore = base.testScores;
  const tunedBefore = await onTune(base.id);
  const schedule = fineTuneSchedule(o.fineTuneSteps ?? 60, FINE_TUNE_DEFAULTS.stepsPerEpoch);
  const options = {
    ...FINE_TUNE_DEFAULTS,
    epochs: schedule.epochs,
    stepsPerEpoch: schedule.stepsPerEpoch,
    mixOriginal: o.fineTuneMix,
  };
  const config = { ...fineTuneConfig(base.config, target, options), target };
  const corrected = names.map((n) => `val/${n}`);
  const cases = {
    train: o.fineTuneMix ? [...corrected, ...base.trainCases] : corrected,
    val: [],
  };
  log(
    `fine-tuning ${schedule.total} steps at learning rate ` +
      `${options.learningRate} on ${cases.train.length} cases` +
      (o.fineTuneMix ? ' (the corrected ones and the original training cases)' : ''),
  );
  const report = await callPage(page, 'train', [config, cases, base.id]);
  const { done } = report;
  if (done.reason === 'error' || !done.model) {
    throw new Error(`the fine-tune failed: ${done.error?.message ?? 'no model was kept'}`);
  }
  const msPerStep = steadyStepMs(report.stepMs, 1);
  log(
    `fine-tune ${done.reason} after ${report.stepMs.length} steps in ` +
      `${duration(report.wallMs)} (median ${ms(msPerStep)} ms/step)`,
  );
  const testAfter = await callPage(page, 'evaluate', [
    target,
    largestComponent,
    { models: [done.model] },
  ]);
  const tunedAfter = await onTune(done.model);
  log('held-out test cases after the fine-tune:');
  printScores(log, testAfter);
  const held = change(testBefore, testAfter);
  const own = change(tunedBefore, tunedAfter);
  log(
    `Dice on the ${testAfter.length} held-out cases: ${score(held.diceBefore)} before, ` +
      `${score(held.diceAfter)} after; on the ${names.length} fine-tune cases: ` +
      `${score(own.diceBefore)} before, ${score(own.diceAfter)} after`,
  );
  return {
    cases: names,
    steps: report.stepMs.length,
    wallMs: report.wallMs,
    msPerStep,
    config,
    heldOut: {
      ...held,
      perCaseBefore: testBefore,
      perCaseAfter: testAfter,
      summaryAfter: scoreSummaries(testAfter),
    },
    fineTuneCases: { ...own, perCaseBefore: tunedBefore, perCaseAfter: tunedAfter },
  };
}
