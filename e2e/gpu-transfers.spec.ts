/**
 * A training step on a GPU backend must not wait on the GPU: after warm-up, no data is
 * read back to the CPU except the loss of the steps that report progress (every
 * `progressEvery` steps), and no shader program is compiled after the first epoch. The
 * counts hold on Chromium's software adapters too, so they are checked here, on WebGL and
 * WebGPU, with the studio's real training worker on the bench page (a tiny U-Net on the
 * built-in phantom; the engine reports its running read-back and program counts with
 * every progress event).
 */
import { expect, test } from '@playwright/test';
import type { TrainReport } from '../src/bench/api';
import { presetSpec } from '../src/ml/models';
import { defaultTrainConfig } from '../src/ml/train/config';
import { tinyUNetSpec } from '../src/ml/models/testing-specs';
import { callPage, startHarness, type Harness } from '../scripts/lib/harness';
import { openPhantomBench } from './helpers/phantom-bench';

const EPOCHS = 3;
const STEPS_PER_EPOCH = 4;
const PROGRESS_EVERY = 2;

let harness: Harness;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  harness = await startHarness(() => undefined);
});
test.afterAll(async () => harness?.close());

/** Reports with their counts, in order; fails when the engine sent none. */
function counted(report: TrainReport) {
  return report.reports.map((r) => {
    if (!r.transfers) throw new Error(`step ${r.step} was reported without counts`);
    return { step: r.step, epoch: r.epoch, ...r.transfers };
  });
}

for (const backend of ['webgl', 'webgpu'] as const) {
  test(`${backend}: one read-back per progress report, no compilation after the first epoch`, async () => {
    test.setTimeout(60_000);
    const { page, ready, target } = await openPhantomBench(harness, backend, {
      count: 2,
      size: 32,
      slices: 6,
    });
    try {
      test.skip(ready.backend !== backend, `${backend} is not available here`);
      const config = {
        ...defaultTrainConfig({ target }),
        model: { ...presetSpec('unet'), ...tinyUNetSpec(32) },
        batchSize: 2,
        epochs: EPOCHS,
        stepsPerEpoch: STEPS_PER_EPOCH,
        // One of the two phantoms validates, so every epoch ends with a validation pass.
        autoValidationFraction: 0.5,
        earlyStoppingPatience: 0,
        progressEvery: PROGRESS_EVERY,
      };
      const report = await callPage(page, 'train', [config], 50_000);
      expect(report.done.reason).toBe('finished');
      const reports = counted(report);
      expect(reports.map((r) => r.step)).toEqual([2, 4, 6, 8, 10, 12]);
      // Within an epoch, the steps between two reports read back only the second report's loss.
      for (let i = 1; i < reports.length; i++) {
        if (reports[i].epoch !== reports[i - 1].epoch) continue;
        expect(reports[i].readbacks - reports[i - 1].readbacks, `steps to ${reports[i].step}`).toBe(
          1,
        );
      }
      // Programs for training and validation are all compiled in the first epoch.
      const afterFirst = reports.find((r) => r.epoch === 2);
      const last = reports.at(-1);
      expect(afterFirst && last ? last.programs - afterFirst.programs : NaN).toBe(0);
      expect(last?.programs ?? 0).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
}
