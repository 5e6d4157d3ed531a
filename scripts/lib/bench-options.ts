/**
 * The bench command's options. `--smoke` is the quick check that CI runs: tiny inputs, a
 * couple of steps, the WASM backend only (software WebGPU/WebGL spend 9-20 s compiling
 * shaders before their first step, and plain-JS cpu is the slowest of all).
 */
import { cpus } from 'node:os';
import type { BackendName } from '../../src/ml/types';
import { ARCHITECTURE_KINDS } from '../../src/ml/models';
import { defaultInputMultiple, type Architecture } from './plan';
import {
  choiceOption,
  intOption,
  listOption,
  parseOptions,
  stringOption,
  UsageError,
} from './options';

/** The pair the studio is built around; `--models all` takes every registered one. */
const DEFAULT_MODELS: Architecture[] = ['unet', 'enet'];

export const BENCH_USAGE = `usage: npm run bench [-- options]

  --smoke            quick check: 32x32, batch 2, 1 warm-up + 2 timed steps, wasm only
  --out FILE.json    write rows and the PyTorch peer figures as JSON
  --backends LIST    comma-separated: wasm,webgl,webgpu,cpu (default all four)
  --models LIST      comma-separated: ${ARCHITECTURE_KINDS.join(',')}, or all
                     (default ${DEFAULT_MODELS.join(',')})
  --size S           input edge of every model (default 64; 32 with --smoke); 3-D
                     networks train on S x S x 16 patches (x 8 with --smoke) and predict
                     a 128x128x32 volume (32x32x8 with --smoke) by sliding window
  --batch B          slices or patches per step (default 2)
  --steps N          timed steps after warm-up (default 3; 2 with --smoke)
  --warmup W         untimed first steps (default 1)
  --threads LIST     WASM thread counts, each beside PyTorch on as many threads:
                     numbers or "all" (every core); default 1,2,all (all with --smoke)
  --no-peer          skip the PyTorch peer
  --time-to-dice D   instead: wall time until held-out Dice first reaches D (e.g. 0.8),
                     training the studio default on PROMISE12, beside PyTorch
  --data DIR         PROMISE12 folder for --time-to-dice (default ../shared/data/promise12)
  --budget-min M     give up --time-to-dice after M minutes of training (default 30)
  --split test|tune  --time-to-dice scores the 5 held-out cases (test, default), or, for
                     tuning, 5 of the 25 training cases, training on the other 20
  --settings FILE    --time-to-dice with these Train panel settings (JSON) over the defaults`;

const BACKENDS = ['wasm', 'webgl', 'webgpu', 'cpu'] as const satisfies readonly BackendName[];

/** Checked options of one bench run. */
export interface BenchOptions {
  smoke: boolean;
  out?: string;
  backends: BackendName[];
  /** Backends left out, with the reason printed in the report. */
  skipped: { backend: BackendName; reason: string }[];
  models: Architecture[];
  size: number;
  batch: number;
  steps: number;
  warmup: number;
  /** WASM thread counts to time (and the peer's), ascending, each at most the core count. */
  threads: number[];
  peer: boolean;
  /** Held-out Dice the time-to-Dice run waits for; undefined for the step benchmark. */
  timeToDice?: number;
  data: string;
  budgetMinutes: number;
  split: 'test' | 'tune';
  settings?: string;
}

const OPTIONS = {
  smoke: { type: 'boolean' },
  out: { type: 'string' },
  backends: { type: 'string' },
  models: { type: 'string' },
  size: { type: 'string' },
  batch: { type: 'string' },
  steps: { type: 'string' },
  warmup: { type: 'string' },
  threads: { type: 'string' },
  'no-peer': { type: 'boolean' },
  'time-to-dice': { type: 'string' },
  data: { type: 'string' },
  'budget-min': { type: 'string' },
  split: { type: 'string' },
  settings: { type: 'string' },
} as const;

const SMOKE_SKIP: Partial<Record<BackendName, string>> = {
  webgl: 'skipped in --smoke: software WebGL compiles shaders for 9-20 s before its first step',
  webgpu: 'skipped in --smoke: software WebGPU compiles shaders for 9-20 s before its first step',
  cpu: 'skipped in --smoke: plain-JS cpu is the slowest backend; run without --smoke',
};

function modelList(v: ReturnType<typeof parseOptions>): Architecture[] {
  if (v['models'] === 'all') return [...ARCHITECTURE_KINDS];
  return listOption(v, 'models', ARCHITECTURE_KINDS) ?? [...DEFAULT_MODELS];
}

/** `--threads`: numbers and "all" (`cores`), deduplicated, ascending. */
function threadList(text: string | undefined, smoke: boolean, cores: number): number[] {
  const items = (text ?? (smoke ? 'all' : '1,2,all')).split(',').map((s) => s.trim());
  const counts = items.map((item) => {
    const n = item === 'all' ? cores : Number(item);
    if (!Number.isInteger(n) || n < 1 || n > cores) {
      throw new UsageError(`--threads takes numbers from 1 to ${cores} and "all", got "${item}"`);
    }
    return n;
  });
  return [...new Set(counts)].sort((a, b) => a - b);
}

function diceTarget(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = Number(text);
  if (!(d > 0 && d < 1))
    throw new UsageError(`--time-to-dice takes a Dice in (0, 1), got "${text}"`);
  return d;
}

/** Parses and checks the bench command line; throws UsageError on any mistake. */
export function readBenchOptions(argv: readonly string[], cores = cpus().length): BenchOptions {
  const v = parseOptions(argv, OPTIONS);
  const smoke = v['smoke'] === true;
  const requested = listOption(v, 'backends', BACKENDS);
  const all = requested ?? [...BACKENDS];
  // An explicit --backends list is honoured even with --smoke.
  const skipped =
    smoke && !requested
      ? all.flatMap((b) => (SMOKE_SKIP[b] ? [{ backend: b, reason: SMOKE_SKIP[b] }] : []))
      : [];
  const o: BenchOptions = {
    smoke,
    out: stringOption(v, 'out'),
    backends: all.filter((b) => !skipped.some((s) => s.backend === b)),
    skipped,
    models: modelList(v),
    size: intOption(v, 'size', 8) ?? (smoke ? 32 : 64),
    // Two slices even in the smoke run: at 32 px the deepest maps of five-pooling networks
    // are 1x1, and batch norm over a single value per channel is undefined (PyTorch refuses).
    batch: intOption(v, 'batch') ?? 2,
    steps: intOption(v, 'steps') ?? (smoke ? 2 : 3),
    warmup: intOption(v, 'warmup', 0) ?? 1,
    threads: threadList(stringOption(v, 'threads'), smoke, Math.max(1, cores)),
    peer: v['no-peer'] !== true,
    timeToDice: diceTarget(stringOption(v, 'time-to-dice')),
    data: stringOption(v, 'data') ?? '../shared/data/promise12',
    budgetMinutes: intOption(v, 'budget-min') ?? 30,
    split: choiceOption(v, 'split', ['test', 'tune'] as const) ?? 'test',
    settings: stringOption(v, 'settings'),
  };
  const multiple = Math.max(...o.models.map(defaultInputMultiple));
  if (o.size % multiple !== 0) {
    throw new UsageError(`--size must be a multiple of ${multiple}, got ${o.size}`);
  }
  return o;
}
