/**
 * The deep-supervision weights alpha_i of a step: one per side output, from the run's
 * configuration, optionally falling linearly to zero over the run.
 */
import type { TrainConfig } from './config';

/** alpha_i of each of `sides` side outputs at `step` (0-based) of `totalSteps`. */
export function sideWeightsAt(
  config: Pick<
    TrainConfig,
    'deepSupervisionWeight' | 'deepSupervisionWeights' | 'deepSupervisionDecay'
  >,
  sides: number,
  step: number,
  totalSteps: number,
): number[] {
  const given = config.deepSupervisionWeights;
  const base = Array.from({ length: sides }, (_, i) => given?.[i] ?? config.deepSupervisionWeight);
  if (!config.deepSupervisionDecay) return base;
  const left = Math.max(0, 1 - step / Math.max(1, totalSteps));
  return base.map((w) => w * left);
}
