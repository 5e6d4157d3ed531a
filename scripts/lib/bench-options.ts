/**
 * The bench command's options. `--smoke` is the quick check that CI runs: tiny inputs, a
 * couple of steps, the WASM backend only (software WebGPU/WebGL spend 9-20 s compiling
 * shaders before their first step, and plain-JS cpu is the slowest of all).
 */
import type { BackendName } from '../../src/ml/types';
import { ARCHITECTURE_KINDS } from '../../src/ml/models';
import { defaultInputMultiple, type Architecture } from './plan';
import { intOption, listOption, parseOptions, stringOption, UsageError } from './options';

/** The pair the studio is built around; `--models all` takes every registered one. */
const DEFAULT_MODELS: Architecture[] = ['unet', 'enet'];

export const BENCH_USAGE = `usage: npm run bench [-- options]

  --smoke            quick check: 32x32, batch 2, 1 warm-up + 2 timed steps, wasm only
  --out FILE.json    write rows and the PyTorch peer figures as JSON
  --backends LIST    comma-separated: wasm,webgl,webgpu,cpu (default all four)
  --models LIST      comma-separated: ${ARCHITECTURE_KINDS.join(',')}, or all
                     (default ${DEFAULT_MODELS.join(',')})
  --size S           input edge for both models (default 64; 32 with --smoke)
  --batch B          slices per step (default 2; 1 with --smoke)
  --steps N          timed steps after warm-up (default 3; 2 with --smoke)
  --warmup W         untimed first steps (default 1)
  --no-peer          skip the PyTorch peer`;

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
  peer: boolean;
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
  'no-peer': { type: 'boolean' },
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

/** Parses and checks the bench command line; throws UsageError on any mistake. */
export function readBenchOptions(argv: readonly string[]): BenchOptions {
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
    peer: v['no-peer'] !== true,
  };
  const multiple = Math.max(...o.models.map(defaultInputMultiple));
  if (o.size % multiple !== 0) {
    throw new UsageError(`--size must be a multiple of ${multiple}, got ${o.size}`);
  }
  return o;
}
