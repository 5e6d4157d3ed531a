/**
 * The 3-D networks train on WebGPU exactly as on WASM: the same seeded run (same initial
 * weights, patches and augmentation from the configuration's seed) of a small 3D U-Net and
 * a small 3-D FC-DenseNet, in the studio's real training worker on the bench page, must give
 * the same step losses and validation loss on Chromium's software WebGPU adapter as on
 * WASM. Both up-paths run the studio's own transposed 3-D convolution and its gradient,
 * which tfjs does not provide, so a backend that computed either differently would show
 * here (this test found the FC-DenseNet's biased up-convolution giving zeros on WebGPU).
 * Phantom volumes of 32x32x8 voxels keep each validation one window.
 */
import { expect, test } from '@playwright/test';
import type { TrainReport } from '../src/bench/api';
import type { TargetSpec } from '../src/ml/data/target';
import type { ModelSpec } from '../src/ml/models';
import { defaultTrainConfig, type TrainConfig } from '../src/ml/train/config';
import { callPage, startHarness, type Harness } from '../scripts/lib/harness';
import { openPhantomBench } from './helpers/phantom-bench';

/** The second step is the first to depend on the optimizer. */
const STEPS = 2;
/**
 * Relative tolerance. Measured here: the first step's loss 1e-5 (3D U-Net) and 2.5e-5
 * (FC-DenseNet) apart, the second's up to 3.2e-4 (3-D convolutions sum 27 taps per
 * channel in another order, and batch norm over the few voxels of the deepest level
 * magnifies it), while a direct comparison of the gradients on both backends agreed to
 * 5e-6 for every weight whose gradient does not vanish. The faults this guards against moved the loss by 0.25 or more.
 */
const TOLERANCE = 1e-3;

let harness: Harness;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  harness = await startHarness(() => undefined);
});
test.afterAll(async () => harness?.close());

/** Small members of each 3-D family: a few thousand weights, every layer type kept. */
function smallSpec(kind: Kind, base: ModelSpec): ModelSpec {
  const a = base.architecture;
  if (kind === 'unet3d' && a.kind === 'unet3d') {
    return { ...base, architecture: { ...a, depth: 3, baseFilters: 4 } };
  }
  if (kind === 'fcdensenet3d' && a.kind === 'fcdensenet3d') {
    return {
      ...base,
      architecture: { ...a, layersPerBlock: [1, 1, 1, 1, 1, 1, 1], growthRate: 4, firstFilters: 8 },
    };
  }
  throw new Error(`no small ${kind} spec for ${a.kind}`);
}

function seededConfig(kind: Kind, target: TargetSpec): TrainConfig {
  const base = defaultTrainConfig({ architecture: kind, inputSize: 32, patchDepth: 8, target });
  return {
    ...base,
    model: smallSpec(kind, base.model),
    batchSize: 2,
    epochs: 1,
    stepsPerEpoch: STEPS,
    // One of the two phantoms validates: the run ends with a sliding-window validation.
    autoValidationFraction: 0.5,
    earlyStoppingPatience: 0,
    progressEvery: 1,
    seed: 7,
  };
}

const KINDS = ['unet3d', 'fcdensenet3d'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Trains each 3-D network on `backend`, one engine for all; null when the backend is not
 * available here.
 */
async function seededRuns(backend: 'wasm' | 'webgpu'): Promise<Map<Kind, TrainReport> | null> {
  const { page, ready, target } = await openPhantomBench(harness, backend, {
    count: 2,
    size: 32,
    slices: 8,
  });
  try {
    if (ready.backend !== backend) return null;
    const reports = new Map<Kind, TrainReport>();
    for (const kind of KINDS) {
      const report = await callPage(page, 'train', [seededConfig(kind, target)], 100_000);
      expect(report.done.reason, `${kind}: ${report.done.error?.message}`).toBe('finished');
      reports.set(kind, report);
    }
    return reports;
  } finally {
    await page.close();
  }
}

test('WebGPU trains the 3D U-Net and the 3-D FC-DenseNet with the losses of WASM', async () => {
  test.setTimeout(180_000);
  const wasm = await seededRuns('wasm');
  const gpu = await seededRuns('webgpu');
  test.skip(gpu === null, 'WebGPU is not available here');
  if (!wasm || !gpu) throw new Error('the WASM runs did not start');
  for (const kind of KINDS) {
    const [w, g] = [wasm.get(kind), gpu.get(kind)] as [TrainReport, TrainReport];
    test.info().annotations.push({
      type: kind,
      description: JSON.stringify({ wasm: w.stepLoss, webgpu: g.stepLoss }),
    });
    const close = (a: number | null | undefined, b: number | null | undefined) => {
      expect(a, kind).toEqual(expect.any(Number));
      expect(Math.abs((a as number) - (b as number)) / Math.abs(b as number), kind).toBeLessThan(
        TOLERANCE,
      );
    };
    expect(g.stepLoss).toHaveLength(STEPS);
    expect(w.stepLoss).toHaveLength(STEPS);
    g.stepLoss.forEach((l, i) => close(l, w.stepLoss[i]));
    expect(g.epochs).toHaveLength(1);
    close(g.epochs[0].valLoss, w.epochs[0].valLoss);
    // A run whose GPU commands were dropped trains nothing: the two steps must differ.
    expect(w.stepLoss[1], kind).not.toBe(w.stepLoss[0]);
  }
});
