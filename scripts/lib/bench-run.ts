/**
 * One network's figures in `npm run bench`, the same for slices and 3-D patches: trains a
 * prepared configuration on the page's phantom cases, refuses a run that did not finish or
 * whose loss went non-finite, times the second prediction of the first phantom (the first
 * builds the inference kernels) and makes the report's row.
 */
import type { Page } from 'playwright-core';
import type { StartInfo } from '../../src/bench/api';
import { steadyStepMs, transferStats } from '../../src/bench/stats';
import type { TrainConfig } from '../../src/ml/train/config';
import type { BenchOptions } from './bench-options';
import type { BenchRow } from './bench-report';
import { callPage } from './harness';
import type { Architecture } from './plan';

/** What a row needs besides the run: the phantom's grid, the patch depth of a 3-D network. */
export interface RunShape {
  grid: { size: number; slices: number };
  depth?: number;
  timeoutMs: number;
}

export async function benchRun(
  page: Page,
  ready: StartInfo,
  model: Architecture,
  o: BenchOptions,
  config: TrainConfig,
  shape: RunShape,
): Promise<BenchRow> {
  const report = await callPage(page, 'train', [config], shape.timeoutMs);
  if (report.done.reason !== 'finished') {
    throw new Error(`training ended "${report.done.reason}": ${report.done.error?.message ?? ''}`);
  }
  if (!report.stepLoss.every(Number.isFinite)) {
    throw new Error(`non-finite training loss: ${report.stepLoss.join(', ')}`);
  }
  await callPage(page, 'predictTiming', ['phantom_00', 'train'], shape.timeoutMs);
  const infer = await callPage(page, 'predictTiming', ['phantom_00', 'train'], shape.timeoutMs);
  const p = report.started.params;
  const transfers = transferStats(report.reports, o.warmup);
  const { grid } = shape;
  return {
    model,
    backend: ready.backend,
    adapter: ready.adapter,
    threads: ready.threads ?? null,
    size: o.size,
    ...(shape.depth !== undefined ? { depth: shape.depth } : {}),
    batch: o.batch,
    params: p.trainable + p.nonTrainable,
    trainableParams: p.trainable,
    nonTrainableParams: p.nonTrainable,
    msPerStep: steadyStepMs(report.stepMs, o.warmup),
    firstStepMs: report.stepMs[0],
    stepMs: report.stepMs,
    inferMsPerSlice: infer.msPerSlice,
    inferMsPerVolume: infer.totalMs,
    inferVolume: `${grid.size}x${grid.size}x${grid.slices}`,
    peakTensorBytes: report.peakBytes,
    readbacksPerStep: transfers?.readbacksPerStep ?? null,
    newPrograms: transfers?.newPrograms ?? null,
    programs: transfers?.programs ?? null,
    ratioToPeer: null,
  };
}
