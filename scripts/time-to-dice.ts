/**
 * `npm run bench -- --time-to-dice D`: how long the studio takes to a useful model. The
 * studio's default U-Net and training settings for this device (the Train panel's, at the
 * device's run length) train on 25 PROMISE12 cases in its real worker in headless
 * Chromium, the 5 held-out cases are scored after every epoch (the engine's validation:
 * mean per-case Dice at the input size, largest region kept, on the averaged weights; they
 * never steer training, since early stopping is off), and the run stops at the first epoch
 * whose Dice reaches D. The PyTorch peer (scripts/peer/torch_time_to_dice.py) does the same
 * on the same cores and cases. Both clocks start once the files are decoded in memory.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { BenchEvent, TrainReport } from '../src/bench/api';
import { buildTrainConfig, type TrainSettings } from '../src/features/training/settings';
import { deviceRunLength } from '../src/features/training/run-length';
import type { BenchOptions } from './lib/bench-options';
import {
  diceSettings,
  diceSplit,
  firstReach,
  promiseCaseNumbers,
  type DiceSplit,
  type ScoredEpoch,
} from './lib/dice-plan';
import { listFolder, writeJsonFile, type ListedFile } from './lib/files';
import { duration, ms, score } from './lib/format';
import { callPage, FileTable, openBenchPage, ROOT, startHarness } from './lib/harness';
import { findTorchPython, runPython } from './lib/peer';

const log = (line: string) => console.log(line);
const warn = (line: string) => console.error(line);
const PEER = path.join(ROOT, 'scripts/peer/torch_time_to_dice.py');

/** One side's result. */
interface DiceRun {
  who: string;
  threads: number;
  reached: ScoredEpoch | null;
  history: ScoredEpoch[];
  msPerStep: number | null;
  steps: number;
}

function filesOf(listed: ListedFile[], numbers: readonly string[]): ListedFile[] {
  const wanted = new Set(numbers.flatMap((n) => [`image_train${n}`, `label_train${n}`]));
  return listed.filter((f) => wanted.has(path.basename(f.relative).replace(/\.nii(\.gz)?$/, '')));
}

async function readOverrides(file: string | undefined): Promise<Partial<TrainSettings>> {
  return file ? (JSON.parse(await readFile(file, 'utf8')) as Partial<TrainSettings>) : {};
}

async function runStudio(
  o: BenchOptions,
  target: number,
  split: DiceSplit,
  listed: ListedFile[],
): Promise<{ run: DiceRun; settings: TrainSettings; adapter: string }> {
  const harness = await startHarness(log);
  try {
    const history: ScoredEpoch[] = [];
    const table = new FileTable();
    let t0 = performance.now();
    let stop: (() => void) | null = null;
    const onEvent = (e: BenchEvent): void => {
      if (e.type !== 'epoch' || e.valDice === null) return;
      const h = { epoch: e.epoch, elapsedMs: performance.now() - t0, dice: e.valDice };
      history.push(h);
      log(`  studio epoch ${h.epoch}: Dice ${score(h.dice)} at ${duration(h.elapsedMs)}`);
      if (h.dice >= target || h.elapsedMs > o.budgetMinutes * 60_000) stop?.();
    };
    const page = await openBenchPage(harness, table, onEvent, warn);
    const ready = await callPage(page, 'start', ['auto'], 600_000);
    log(`studio: ${ready.backend}, ${ready.adapter} (${ready.choice.reason})`);
    const serve = (numbers: string[]) =>
      filesOf(listed, numbers).map((f) => table.add(f.absolute, f.relative, f.size));
    const trained = await callPage(page, 'loadFolder', [serve(split.train), 'train'], 600_000);
    const scored = await callPage(page, 'loadFolder', [serve(split.scored), 'test'], 600_000);
    await callPage(page, 'sendCases', []);
    const settings = diceSettings(
      deviceRunLength(ready.backend, ready.adapter),
      await readOverrides(o.settings),
    );
    const config = {
      ...buildTrainConfig(settings, { mode: 'binary', foregroundValues: [1] }, 1),
      earlyStoppingPatience: 0,
      validateLargestRegion: true,
    };
    const cases = {
      train: trained.cases.map((c) => `train/${c.name}`),
      val: scored.cases.map((c) => `test/${c.name}`),
    };
    stop = () => {
      stop = null;
      void callPage(page, 'stop', []).catch(() => undefined);
    };
    t0 = performance.now();
    const report: TrainReport = await callPage(page, 'train', [config, cases]);
    const steps = report.stepMs.length;
    const later = report.stepMs.slice(1);
    return {
      run: {
        who: 'studio',
        threads: ready.threads ?? 1,
        reached: firstReach(history, target),
        history,
        msPerStep: later.length > 0 ? later.reduce((a, b) => a + b, 0) / later.length : null,
        steps,
      },
      settings,
      adapter: `${ready.backend}: ${ready.adapter}`,
    };
  } finally {
    await harness.close();
  }
}

interface PeerOutput {
  history: { epoch: number; elapsedMs: number; dice: number; step: number }[];
  trainMsPerStep: number;
  threads: number;
  torchVersion: string;
}

async function runPeer(
  o: BenchOptions,
  target: number,
  split: DiceSplit,
  settings: TrainSettings,
  threads: number,
): Promise<DiceRun | null> {
  const found = findTorchPython();
  if ('reason' in found) {
    log(found.reason);
    return null;
  }
  const args = [
    PEER,
    ...['--data', path.resolve(o.data), '--train', split.train.join(',')],
    ...['--held-out', split.scored.join(','), '--target', String(target)],
    ...['--size', String(settings.inputSize), '--batch', String(settings.batchSize)],
    ...['--epochs', String(settings.epochs), '--steps-per-epoch', String(settings.stepsPerEpoch)],
    ...['--lr', String(settings.learningRate), '--threads', String(threads)],
    ...['--max-minutes', String(o.budgetMinutes)],
  ];
  const out = await runPython<PeerOutput>(found.python, args, 'PyTorch time-to-Dice peer', (l) =>
    log(`  PyTorch ${l}`),
  );
  const history = out.history.map((h) => ({
    epoch: h.epoch,
    elapsedMs: h.elapsedMs,
    dice: h.dice,
  }));
  return {
    who: `PyTorch ${out.torchVersion}`,
    threads: out.threads,
    reached: firstReach(history, target),
    history,
    msPerStep: out.trainMsPerStep,
    steps: out.history.at(-1)?.step ?? 0,
  };
}

function describe(r: DiceRun, target: number): string {
  const at = r.reached
    ? `Dice ${score(r.reached.dice)} >= ${target} at epoch ${r.reached.epoch}, ${duration(r.reached.elapsedMs)}`
    : `never reached ${target} (best ${score(Math.max(...r.history.map((h) => h.dice)))})`;
  return `${r.who} on ${r.threads} thread${r.threads === 1 ? '' : 's'}: ${at}; ${ms(r.msPerStep)} ms/step over ${r.steps} steps`;
}

/** Runs the time-to-Dice benchmark; resolves with the exit code. */
export async function runTimeToDice(o: BenchOptions, target: number): Promise<number> {
  const load = loadavg();
  log(`load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
  const listed = await listFolder(o.data);
  const numbers = promiseCaseNumbers(listed.map((f) => f.relative));
  if (numbers.length < 10)
    throw new Error(`${o.data}: expected PROMISE12 cases, found ${numbers.length}`);
  const split = diceSplit(numbers, o.split);
  log(
    `training on ${split.train.length} cases; scoring ${split.scoredAs}: ${split.scored.join(', ')}`,
  );
  const studio = await runStudio(o, target, split, listed);
  const s = studio.settings;
  log(
    `studio settings: ${s.inputSize} px, batch ${s.batchSize}, ${s.epochs} x ${s.stepsPerEpoch} steps, lr ${s.learningRate}`,
  );
  const peer = o.peer ? await runPeer(o, target, split, s, studio.run.threads) : null;
  log('');
  for (const r of [studio.run, peer]) if (r) log(describe(r, target));
  if (o.out) {
    await writeJsonFile(o.out, {
      command: 'bench --time-to-dice',
      date: new Date().toISOString(),
      target,
      loadAverageAtStart: load,
      loadAverageAtEnd: loadavg(),
      split,
      settings: s,
      adapter: studio.adapter,
      studio: studio.run,
      peer,
    });
    log(`results written to ${o.out}`);
  }
  return studio.run.history.length > 0 ? 0 : 1;
}
