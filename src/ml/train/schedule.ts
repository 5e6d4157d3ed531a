/**
 * Learning-rate schedules. The rate is recomputed every step from the position in the
 * run, so pausing, resuming or early stopping never desynchronizes it.
 */

/**
 * - constant: the base rate throughout.
 * - step: multiplied by `factor` every `everyEpochs` epochs (seed 002's DeepLab halves it
 *   every 50 epochs; seed 001 uses "lr 0.001 with decay").
 * - cosine: half a cosine from the base rate down to `minLr` over the whole run.
 */
export type LrSchedule =
  | { kind: 'constant' }
  | { kind: 'step'; everyEpochs: number; factor: number }
  | { kind: 'cosine'; minLr: number };

/**
 * Learning rate at `step` (0-based) of a run of `totalSteps` with `stepsPerEpoch` steps
 * per epoch and base rate `base`.
 */
export function learningRateAt(
  schedule: LrSchedule,
  base: number,
  step: number,
  stepsPerEpoch: number,
  totalSteps: number,
): number {
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step': {
      const epoch = Math.floor(step / Math.max(1, stepsPerEpoch));
      const drops = Math.floor(epoch / Math.max(1, schedule.everyEpochs));
      return base * schedule.factor ** drops;
    }
    case 'cosine': {
      const t = totalSteps > 1 ? Math.min(1, step / (totalSteps - 1)) : 0;
      return schedule.minLr + 0.5 * (base - schedule.minLr) * (1 + Math.cos(Math.PI * t));
    }
  }
}
