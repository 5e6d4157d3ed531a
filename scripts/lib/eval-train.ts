/**
 * The eval command's training step: one run of the studio's default configuration (with
 * the command line's changes) on the bench page, on the train folder's cases or on the
 * named ones of a fold, summarized for the console and the JSON results.
 */
import type { Page } from 'playwright-core';
import type { TargetSpec } from '../../src/ml/data/target';
import { steadyStepMs } from '../../src/bench/stats';
import { callPage } from './harness';
import type { EvalOptions } from './eval-options';
import { ms, score } from './format';
import { evalTrainConfig } from './plan';

/** A model the eval scores: trained here (with its run's figures) or loaded from files. */
export interface ModelOutcome {
  /** The engine's id of the model. */
  id: string;
  kind: string;
  size: number;
  params: { trainable: number; nonTrainable: number };
  training: TrainingSummary | null;
  /** Its training configuration, or a loaded model's network and target: what a fine-tune continues. */
  config: unknown;
}

/** What the JSON results say about a training run. */
export interface TrainingSummary {
  steps: number;
  plannedSteps: number;
  epochs: number;
  stepsPerEpoch: number;
  batch: number;
  msPerStep: number;
  firstStepMs: number | null;
  wallMs: number;
  peakTensorBytes: number;
  stopReason: string;
  bestEpoch: number | null;
  epochsRun: number;
  trainCases: string[];
  valCases: string[];
  history: unknown[];
  config: unknown;
}

const plain = (names: readonly string[]) => names.map((n) => n.replace(/^train\//, ''));

/** Trains one model; `cases` names the train folder's cases to train and validate on. */
export async function trainModel(
  page: Page,
  o: EvalOptions,
  target: TargetSpec,
  channels: number,
  log: (line: string) => void,
  cases?: { train: string[]; val: string[] },
): Promise<ModelOutcome> {
  const config = evalTrainConfig({ ...o, model: o.model ?? 'unet', target, inChannels: channels });
  const report = await callPage(page, 'train', cases ? [config, cases] : [config]);
  const { done } = report;
  if (done.reason === 'error' || !done.model) {
    throw new Error(`training failed: ${done.error?.message ?? 'no model was kept'}`);
  }
  const msPerStep = steadyStepMs(report.stepMs, 1);
  log(
    `training ${done.reason} after ${report.stepMs.length} steps, ${done.epochsRun} epochs; ` +
      `kept epoch ${done.bestEpoch ?? '-'} (val Dice ${score(done.metrics?.valDice)}); ` +
      `median ${ms(msPerStep)} ms/step, first step ${ms(report.stepMs[0])} ms`,
  );
  return {
    id: done.model,
    kind: config.model.architecture.kind,
    size: config.model.inputSize,
    params: report.started.params,
    config,
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
      trainCases: plain(report.started.trainCases),
      valCases: plain(report.started.valCases),
      history: report.epochs,
      config,
    },
  };
}
