/**
 * The PyTorch peer: the same networks, loss, batch and input written in PyTorch
 * (scripts/peer/torch_bench.py), timed on this CPU with a given number of threads, as the
 * yardstick for the browser figures. Skipped with a reason when no Python on the machine
 * imports torch.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './harness';
import type { Architecture } from './plan';

/** Timing of one network in PyTorch. */
export interface PeerResult {
  model: Architecture;
  size: number;
  batch: number;
  msPerStep: number;
  firstStepMs: number;
  torchVersion: string;
  threads: number;
  params: { trainable: number; nonTrainable: number };
  /** 3-D networks: slices per patch, and the sliding-window prediction of a volume. */
  depth?: number;
  inferMs?: number;
  inferWindows?: number;
}

/** What the peer should run and which parameter counts it must reproduce. */
export interface PeerRequest {
  model: Architecture;
  size: number;
  batch: number;
  steps: number;
  warmup: number;
  threads: number;
  expect: { trainable: number; nonTrainable: number };
  /** 3-D networks: slices per patch. */
  depth?: number;
  /** 3-D networks: a volume [D, H, W] to predict by sliding window. */
  infer?: [number, number, number];
}

const SCRIPT = path.join(ROOT, 'scripts/peer/torch_bench.py');

/** A Python that imports torch (PYTHON, python3, then Debian's), or the reason there is none. */
export function findTorchPython(): { python: string } | { reason: string } {
  const candidates = [process.env['PYTHON'], 'python3', '/usr/bin/python3'].filter(
    (c): c is string => !!c,
  );
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return { python };
  }
  return {
    reason:
      `PyTorch peer skipped: \`python3 -c 'import torch'\` fails (tried ${[...new Set(candidates)].join(', ')}); ` +
      'install python3-torch or set PYTHON',
  };
}

/** Runs the peer for one network; rejects with the script's own message on failure. */
export function runPeer(python: string, r: PeerRequest): Promise<PeerResult> {
  return runPython<PeerResult>(
    python,
    [
      SCRIPT,
      ...['--model', r.model, '--size', String(r.size), '--batch', String(r.batch)],
      ...['--steps', String(r.steps), '--warmup', String(r.warmup), '--threads', String(r.threads)],
      ...['--expect-params', `${r.expect.trainable},${r.expect.nonTrainable}`],
      ...(r.depth !== undefined ? ['--depth', String(r.depth)] : []),
      ...(r.infer ? ['--infer', r.infer.join(',')] : []),
    ],
    `PyTorch peer (${r.model})`,
  );
}

/**
 * Runs a peer script and resolves with the JSON of its last line of output; `onLine`
 * sees every other line as it comes (progress).
 */
export function runPython<T>(
  python: string,
  args: string[],
  what: string,
  onLine?: (line: string) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    // Spinning OpenMP workers collapse when another process shares the cores (measured
    // 5x slower at 2 threads on a loaded 2-core machine); passive waiting avoids that.
    const env = { OMP_WAIT_POLICY: 'PASSIVE', ...process.env };
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!onLine) return;
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (!line.startsWith('{')) onLine(line);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${what} failed: ${err.trim().split('\n').at(-1) ?? code}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${what} printed no result: ${last}`));
      }
    });
  });
}
