/**
 * The bench's results as data (rows, notes) and as the markdown table it prints: one
 * row per network and backend, then the PyTorch peer, then why anything is missing.
 */
import type { PeerResult } from './peer';
import type { Architecture } from './plan';
import { architecture } from '../../src/ml/models';
import { int, markdownTable, megabytes, ms } from './format';

/** Figures of one network on one backend. */
export interface BenchRow {
  model: Architecture;
  backend: string;
  adapter: string;
  size: number;
  /** 3-D networks: slices per training patch. */
  depth?: number;
  batch: number;
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Median ms per training step after warm-up. */
  msPerStep: number;
  firstStepMs: number;
  stepMs: number[];
  inferMsPerSlice: number;
  inferMsPerVolume: number;
  /** Grid of the volume inference was timed on (its slices are resized to `size`). */
  inferVolume: string;
  /**
   * Largest live tensor memory the engine reported between steps (weights, optimizer
   * state, epoch sums); what a step allocates and frees inside itself is not seen.
   */
  peakTensorBytes: number;
  /** msPerStep divided by PyTorch's for the same network, size and batch. */
  ratioToPeer: number | null;
}

/** A backend or network left out, and why; `failed` marks errors rather than choices. */
export interface BenchNote {
  backend: string;
  model?: string;
  reason: string;
  failed?: boolean;
}

const name = (kind: Architecture): string => architecture(kind).label;

const windows = (n: number | undefined): string =>
  n === undefined ? 'its windows' : `${n} window${n === 1 ? '' : 's'}`;

/** A training input: SxS slices, or SxSxD patches of a 3-D network. */
const input = (x: { size: number; depth?: number }): string =>
  x.depth === undefined ? `${x.size}x${x.size}` : `${x.size}x${x.size}x${x.depth}`;

/** The markdown report of a bench run. */
export function benchTable(rows: BenchRow[], peer: PeerResult[], notes: BenchNote[]): string {
  const header = [
    'model',
    'backend',
    'adapter',
    'input',
    'batch',
    'params',
    'ms/step',
    'x PyTorch',
    'infer ms/slice',
    'infer ms/volume',
    'tensors (max live)',
  ];
  const body = rows.map((r) => [
    name(r.model),
    r.backend,
    r.adapter,
    input(r),
    String(r.batch),
    int(r.params),
    ms(r.msPerStep),
    r.ratioToPeer === null ? '-' : `${r.ratioToPeer.toFixed(1)}x`,
    ms(r.inferMsPerSlice),
    `${ms(r.inferMsPerVolume)} (${r.inferVolume})`,
    megabytes(r.peakTensorBytes),
  ]);
  for (const p of peer) {
    body.push([
      name(p.model),
      'PyTorch (CPU)',
      `torch ${p.torchVersion}, ${p.threads} threads`,
      input(p),
      String(p.batch),
      int(p.params.trainable + p.params.nonTrainable),
      ms(p.msPerStep),
      '1.0x',
      '-',
      p.inferMs === undefined ? '-' : `${ms(p.inferMs)} (${windows(p.inferWindows)})`,
      '-',
    ]);
  }
  const lines = [markdownTable(header, body)];
  for (const n of notes) lines.push(`- ${n.backend}${n.model ? ` ${n.model}` : ''}: ${n.reason}`);
  return lines.join('\n');
}

/**
 * One line per 3-D network comparing its sliding-window prediction of the whole volume
 * with PyTorch's of the same volume, windows and batch.
 */
export function volumeInferenceLines(
  rows: readonly BenchRow[],
  peer: readonly PeerResult[],
): string[] {
  return rows
    .filter((r) => r.depth !== undefined)
    .map((r) => {
      const p = peer.find((x) => x.model === r.model && x.inferMs !== undefined);
      const vs =
        p?.inferMs === undefined
          ? 'no PyTorch figure'
          : `PyTorch ${ms(p.inferMs)} ms over ${windows(p.inferWindows)} ` +
            `(${(r.inferMsPerVolume / p.inferMs).toFixed(1)}x)`;
      return (
        `${name(r.model)} on ${r.backend}: sliding-window prediction of a ${r.inferVolume} ` +
        `volume ${ms(r.inferMsPerVolume)} ms; ${vs}`
      );
    });
}
