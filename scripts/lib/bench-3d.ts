/**
 * The 3-D networks in `npm run bench`: a training step on patches (default 64x64x16,
 * batch 2) and the sliding-window prediction of a whole phantom volume (128x128x32, half-
 * patch stride: 27 windows), on each backend, beside the same networks in PyTorch (its
 * conv3d) on this CPU, whose parameter counts must be equal. `--smoke` keeps them to
 * seconds: 32x32x8 patches of 32x32x8 volumes.
 */
import type { Page } from 'playwright-core';
import type { StartInfo } from '../../src/bench/api';
import { architecture } from '../../src/ml/models';
import type { BenchOptions } from './bench-options';
import type { BenchNote, BenchRow } from './bench-report';
import { ms } from './format';
import { callPage, pageErrorMessage } from './harness';
import type { PeerRequest } from './peer';
import { benchRun } from './bench-run';
import { benchTrainConfig, type Architecture } from './plan';

/** Whether `model` is a 3-D network (timed here rather than on slices). */
export function isVolumeModel(model: Architecture): boolean {
  return architecture(model).geometry === 'volume';
}

/** Phantom volumes the steps sample from and the first of which is predicted. */
function volumeGrid(o: BenchOptions): { count: number; size: number; slices: number } {
  return o.smoke ? { count: 2, size: 32, slices: 8 } : { count: 3, size: 128, slices: 32 };
}

/** Slices per training patch. */
function patchDepth(o: BenchOptions): number {
  return o.smoke ? 8 : 16;
}

async function benchVolume(
  page: Page,
  ready: StartInfo,
  model: Architecture,
  o: BenchOptions,
): Promise<BenchRow> {
  const target = await callPage(page, 'phantomTarget', []);
  const steps = o.warmup + o.steps;
  const depth = patchDepth(o);
  const config = benchTrainConfig(model, o.size, o.batch, steps, target, depth);
  const timeoutMs = o.smoke ? 180_000 : 3_600_000;
  return benchRun(page, ready, model, o, config, { grid: volumeGrid(o), depth, timeoutMs });
}

/** Times every 3-D network of `models` on the page's backend; failures become notes. */
export async function benchVolumes(
  page: Page,
  ready: StartInfo,
  models: readonly Architecture[],
  o: BenchOptions,
  notes: BenchNote[],
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (models.length === 0) return rows;
  const grid = volumeGrid(o);
  await callPage(page, 'loadPhantom', [grid.count, grid.size, grid.slices]);
  await callPage(page, 'sendCases', []);
  for (const model of models) {
    const patch = `${o.size}x${o.size}x${patchDepth(o)}`;
    log(
      `  ${model} ${patch} patches, batch ${o.batch}: ${o.warmup} warm-up + ${o.steps} timed steps`,
    );
    try {
      const row = await benchVolume(page, ready, model, o);
      log(
        `  ${model}: ${ms(row.msPerStep)} ms/step, ${row.inferVolume} volume by sliding window ` +
          `${ms(row.inferMsPerVolume)} ms`,
      );
      rows.push(row);
    } catch (e) {
      const reason = `failed: ${pageErrorMessage(e)}`;
      notes.push({ backend: ready.backend, model, reason, failed: true });
      log(`  ${model} ${reason}`);
    }
  }
  return rows;
}

/** What the PyTorch peer needs beyond a 2-D run: the patch depth and the volume to predict. */
export function volumePeerOptions(row: BenchRow): Partial<PeerRequest> {
  if (row.depth === undefined) return {};
  const [w, h, d] = row.inferVolume.split('x').map(Number);
  return { depth: row.depth, infer: [d, h, w] };
}
