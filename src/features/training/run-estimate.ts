/**
 * How long a run will take, shown before it starts. The start-up measurement timed the
 * default U-Net (PROBE_TIMING: 64x64, batch 4) on the chosen backend; a step of another
 * network costs that time scaled by its multiply-adds per pixel, its input pixels and its
 * batch. Validation after each epoch is one forward pass per validation slice, a third of
 * a training step's work per slice. Pure, so the panel only formats the result.
 */
import { unetFilters } from '../../ml/models/unet';
import type { ArchitectureSpec, ModelSpec } from '../../ml/models';
import { PROBE_TIMING } from '../../ml/backend/choice';
import { presetSpec } from '../../ml/models';
import type { BackendChoice, BackendTrial } from '../../ml/types';

/** A training step (forward, two gradient passes) costs about three forward passes. */
const FORWARD_SHARE = 1 / 3;

/**
 * Forward multiply-adds per input pixel of a U-Net, from its levels, filters and kernel;
 * null for architectures this model of cost does not cover.
 */
export function macsPerPixel(
  arch: ArchitectureSpec,
  inChannels = 1,
  numClasses = 1,
): number | null {
  if (arch.kind !== 'unet') return null;
  const f = unetFilters(arch);
  const k2 = arch.kernelSize * arch.kernelSize;
  const transposed = (arch.upMode ?? 'transposed') === 'transposed';
  let total = 0;
  let cin = inChannels;
  f.forEach((filters, l) => {
    total += (k2 * (cin * filters + filters * filters)) / 4 ** l;
    cin = filters;
  });
  for (let l = f.length - 2; l >= 0; l--) {
    const up = transposed ? f[l] : f[l + 1];
    if (transposed) total += (f[l + 1] * f[l]) / 4 ** l;
    total += (k2 * ((f[l] + up) * f[l] + f[l] * f[l])) / 4 ** l;
  }
  return total + f[0] * numClasses;
}

/** The measured winner of a backend choice, when it timed the probe network. */
export function measuredTrial(choice: BackendChoice | null): BackendTrial | null {
  if (!choice?.picked) return null;
  const timed = choice.trials.filter(
    (t) => t.backend === choice.picked && t.ok && t.msPerStep !== null,
  );
  return timed.reduce<BackendTrial | null>(
    (best, t) => (!best || (t.msPerStep ?? 0) < (best.msPerStep ?? 0) ? t : best),
    null,
  );
}

/** What a run will train on, as far as its cost goes. */
export interface RunShape {
  spec: Pick<ModelSpec, 'architecture' | 'inputSize' | 'inChannels' | 'numClasses'>;
  batchSize: number;
  epochs: number;
  /** Optimizer steps per epoch (resolved: one pass over the slices when the setting is 0). */
  stepsPerEpoch: number;
  /** Slices validated after every epoch. */
  validationSlices: number;
}

export interface RunEstimate {
  msPerStep: number;
  totalMs: number;
  /** False when the network's cost is unknown and the default U-Net's was assumed. */
  scaledToNetwork: boolean;
}

const PROBE_MACS = macsPerPixel(presetSpec('unet').architecture) ?? 1;

/** The run's expected duration from `probeMsPerStep` (the default U-Net, 64x64, batch 4). */
export function estimateRun(probeMsPerStep: number, run: RunShape): RunEstimate {
  const { spec } = run;
  const macs = macsPerPixel(spec.architecture, spec.inChannels, spec.numClasses);
  const pixels = (spec.inputSize / PROBE_TIMING.inputSize) ** 2;
  const msPerSlice =
    (probeMsPerStep / PROBE_TIMING.batchSize) * pixels * ((macs ?? PROBE_MACS) / PROBE_MACS);
  const msPerStep = msPerSlice * run.batchSize;
  const validation = run.validationSlices * msPerSlice * FORWARD_SHARE;
  return {
    msPerStep,
    totalMs: run.epochs * (run.stepsPerEpoch * msPerStep + validation),
    scaledToNetwork: macs !== null,
  };
}

/** Steps per epoch as the trainer resolves them: the setting, or one pass over the slices. */
export function resolvedStepsPerEpoch(setting: number, trainSlices: number, batch: number): number {
  return setting > 0 ? setting : Math.max(1, Math.ceil(trainSlices / Math.max(1, batch)));
}

/** "about 40 s", "about 7 min", "about 1 h 20 min". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 90) return `about ${Math.max(1, Math.round(s / 5) * 5)} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min`;
  return `about ${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** Slices per split of the labelled cases a run would use, from each case's depth. */
export function splitSlices(
  cases: readonly { split: string; labelled: boolean; depth: number }[],
  autoValidationFraction: number,
): { train: number; val: number } {
  const count = (split: string) =>
    cases.filter((c) => c.labelled && c.split === split).reduce((n, c) => n + c.depth, 0);
  const train = count('train');
  const val = count('val');
  // Without validation cases the engine holds out a share of the training cases.
  if (val > 0) return { train, val };
  const held = Math.round(train * autoValidationFraction);
  return { train: train - held, val: held };
}
