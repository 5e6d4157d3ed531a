/**
 * `npm run bench`: times the studio's real training worker in headless Chromium on each
 * tfjs backend (WASM at each thread count asked for), for the default U-Net and ENet (or
 * the networks asked for): median ms per training step after warm-up, read-backs per step
 * and shader programs compiled after warm-up, inference per slice and per volume, live
 * tensor memory and parameter counts, each figure with the adapter that produced it, next
 * to the same networks in PyTorch on this CPU on as many threads. 3-D networks train on
 * patches and predict a volume by sliding window (lib/bench-3d.ts). Data: the built-in
 * phantom cases, so the bench needs no data folder. `--time-to-dice` runs time-to-dice.ts
 * instead.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import type { BackendName } from '../src/ml/types';
import type { BenchEvent, StartInfo } from '../src/bench/api';
import { PROBE_WORKLOAD } from '../src/ml/backend/choice';
import { readBenchOptions, type BenchOptions } from './lib/bench-options';
import {
  benchTable,
  peerFor,
  volumeInferenceLines,
  type BenchNote,
  type BenchRow,
} from './lib/bench-report';
import { benchVolumes, isVolumeModel, volumePeerOptions } from './lib/bench-3d';
import { benchRun } from './lib/bench-run';
import { writeJsonFile } from './lib/files';
import { ms } from './lib/format';
import {
  callPage,
  FileTable,
  openBenchPage,
  pageErrorMessage,
  startHarness,
  type Harness,
} from './lib/harness';
import { findTorchPython, runPeer, type PeerResult } from './lib/peer';
import { benchTrainConfig, type Architecture } from './lib/plan';
import { runTimeToDice } from './time-to-dice';

const log = (line: string) => console.log(line);
const warn = (line: string) => console.error(line);

/** Phantom cases the steps sample from; case 0 is also the inference volume. */
function phantomGrid(o: BenchOptions): { count: number; size: number; slices: number } {
  return o.smoke ? { count: 2, size: 32, slices: 6 } : { count: 3, size: 128, slices: 24 };
}

async function benchModel(
  page: Page,
  ready: StartInfo,
  model: Architecture,
  o: BenchOptions,
): Promise<BenchRow> {
  const target = await callPage(page, 'phantomTarget', []);
  const config = benchTrainConfig(model, o.size, o.batch, o.warmup + o.steps, target);
  const timeoutMs = o.smoke ? 120_000 : 3_600_000;
  return benchRun(page, ready, model, o, config, { grid: phantomGrid(o), timeoutMs });
}

/** What 'auto' picks on this machine, measured as a first start of the studio does. */
async function benchAutoChoice(harness: Harness): Promise<StartInfo> {
  const page = await openBenchPage(harness, new FileTable(), () => undefined, warn);
  try {
    log(`auto: measuring every backend (${PROBE_WORKLOAD})`);
    const ready = await callPage(page, 'start', ['auto'], 600_000);
    for (const t of ready.choice.trials) {
      const figures = [
        t.ok ? 'trains correctly' : 'rejected',
        t.maxRelError === null ? null : `loss error ${t.maxRelError.toExponential(1)}`,
        t.checkMsPerStep === null ? null : `check network ${ms(t.checkMsPerStep)} ms/step`,
        t.msPerStep === null ? null : `${ms(t.msPerStep)} ms/step`,
        t.note || null,
      ].filter(Boolean);
      log(`  ${t.backend} (${t.adapter ?? 'did not start'}): ${figures.join(', ')}`);
    }
    log(`auto: chose ${ready.backend}: ${ready.choice.reason}`);
    return ready;
  } finally {
    await page.close();
  }
}

/** Every model on `backend` started with `threads` (WASM's thread count) on a fresh engine. */
async function benchStart(
  page: Page,
  backend: BackendName,
  threads: number | undefined,
  o: BenchOptions,
  notes: BenchNote[],
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const label = threads === undefined ? backend : `${backend} on ${threads} threads`;
  const ready = await callPage(page, 'start', [backend, threads], 180_000);
  if (ready.backend !== backend) {
    const why = ready.failures.find((f) => f.backend === backend)?.message ?? 'not available';
    notes.push({ backend, reason: `${backend} unavailable: ${why}` });
    log(`${label}: unavailable (${why})`);
    return rows;
  }
  if (threads !== undefined && ready.threads !== threads) {
    notes.push({ backend, reason: `${label} unavailable: ran on ${ready.threads ?? 1}` });
    log(`${label}: unavailable, the backend runs ${ready.adapter}`);
    return rows;
  }
  log(`${label}: ${ready.adapter}`);
  const sliceModels = o.models.filter((m) => !isVolumeModel(m));
  if (sliceModels.length > 0) {
    const grid = phantomGrid(o);
    await callPage(page, 'loadPhantom', [grid.count, grid.size, grid.slices]);
    await callPage(page, 'sendCases', []);
  }
  for (const model of sliceModels) {
    log(
      `  ${model} ${o.size}x${o.size}, batch ${o.batch}: ${o.warmup} warm-up + ${o.steps} timed steps`,
    );
    try {
      const row = await benchModel(page, ready, model, o);
      const counts =
        row.readbacksPerStep === null
          ? ''
          : `, ${row.readbacksPerStep.toFixed(2)} read-backs/step, ${row.newPrograms} programs compiled after warm-up`;
      log(
        `  ${model}: ${ms(row.msPerStep)} ms/step, inference ${ms(row.inferMsPerSlice)} ms/slice${counts}`,
      );
      rows.push(row);
    } catch (e) {
      const reason = `failed: ${pageErrorMessage(e)}`;
      notes.push({ backend, model, reason, failed: true });
      warn(`  ${model} ${reason}`);
    }
  }
  rows.push(...(await benchVolumes(page, ready, o.models.filter(isVolumeModel), o, notes, log)));
  return rows;
}

async function benchBackend(
  harness: Harness,
  backend: BackendName,
  o: BenchOptions,
  notes: BenchNote[],
): Promise<BenchRow[]> {
  const onStep = (e: BenchEvent) => {
    if (e.type === 'progress')
      log(`    step ${e.step}/${e.totalSteps} (${ms(e.elapsedMs)} ms so far)`);
  };
  const page = await openBenchPage(harness, new FileTable(), onStep, warn);
  const rows: BenchRow[] = [];
  try {
    const starts = backend === 'wasm' ? o.threads : [undefined];
    for (const threads of starts)
      rows.push(...(await benchStart(page, backend, threads, o, notes)));
  } finally {
    await page.close().catch(() => undefined);
  }
  return rows;
}

async function benchPeer(
  rows: BenchRow[],
  o: BenchOptions,
  notes: BenchNote[],
): Promise<PeerResult[]> {
  if (!o.peer) return [];
  const found = findTorchPython();
  if ('reason' in found) {
    notes.push({ backend: 'pytorch', reason: found.reason });
    log(found.reason);
    return [];
  }
  const peer: PeerResult[] = [];
  for (const threads of o.threads) {
    for (const model of o.models) {
      const row = rows.find((r) => r.model === model);
      if (!row) continue;
      const expect = { trainable: row.trainableParams, nonTrainable: row.nonTrainableParams };
      try {
        const r = await runPeer(found.python, {
          model,
          size: o.size,
          batch: o.batch,
          steps: o.steps,
          warmup: o.warmup,
          threads,
          expect,
          ...volumePeerOptions(row),
        });
        log(
          `PyTorch ${r.torchVersion} (${r.threads} threads) ${model}: ${ms(r.msPerStep)} ms/step`,
        );
        peer.push(r);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        notes.push({ backend: 'pytorch', model, reason, failed: true });
        warn(reason);
      }
    }
  }
  for (const r of rows) {
    const p = peerFor(r, peer);
    r.ratioToPeer = p ? r.msPerStep / p.msPerStep : null;
  }
  return peer;
}

/** Runs the bench command; resolves with the process exit code. */
export async function runBench(argv: readonly string[]): Promise<number> {
  const o = readBenchOptions(argv);
  if (o.timeToDice !== undefined) return runTimeToDice(o, o.timeToDice);
  const t0 = performance.now();
  // Other work on the machine slows every figure; the load is recorded with them.
  const load = loadavg();
  log(`load average ${load.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  const notes: BenchNote[] = o.skipped.map((s) => ({ backend: s.backend, reason: s.reason }));
  for (const n of notes) log(`${n.backend}: ${n.reason}`);
  const rows: BenchRow[] = [];
  const harness = await startHarness(log);
  let auto: StartInfo | null = null;
  try {
    auto = await benchAutoChoice(harness);
    for (const backend of o.backends)
      rows.push(...(await benchBackend(harness, backend, o, notes)));
  } finally {
    await harness.close();
  }
  const peer = await benchPeer(rows, o, notes);
  log('');
  log(benchTable(rows, peer, notes));
  for (const line of volumeInferenceLines(rows, peer)) log(line);
  if (auto) log(`\nThe studio's automatic choice here: ${auto.backend}. ${auto.choice.reason}.`);
  if (o.out) {
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: load,
      loadAverageAtEnd: loadavg(),
    };
    const json = {
      command: 'bench',
      date: new Date().toISOString(),
      machine,
      options: o,
      rows,
      peer,
      notes,
      autoChoice: auto && { backend: auto.backend, adapter: auto.adapter, ...auto.choice },
    };
    await writeJsonFile(o.out, json);
    log(`results written to ${o.out}`);
  }
  log(`bench took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const failed = notes.some((n) => n.failed) || rows.length === 0;
  if (failed) warn('bench failed: see the notes above');
  return failed ? 1 : 0;
}
