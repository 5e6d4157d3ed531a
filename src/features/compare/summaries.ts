/**
 * Figures over the evaluated cases, per model: each metric's mean, median and max per
 * structure, the inference times, and one headline Dice for the model table. Derived
 * from a result whenever needed, so they never disagree with the per-case scores.
 */
import { summarize, summarizeScores, type MetricKey, type Summary } from '../../eval/metrics';
import type { CaseEvaluation, ModelResult } from './types';

export interface ClassSummary {
  name: string;
  metrics: Record<MetricKey, Summary>;
}

export interface ModelSummary {
  classes: ClassSummary[];
  msPerSlice: Summary;
  msPerVolume: Summary;
  /** Mean over cases of each case's Dice (averaged over structures when there are several). */
  dice: Summary;
}

/** Dice of a case, averaged over its structures. */
export function caseDice(c: CaseEvaluation): number {
  return c.classes.reduce((s, x) => s + x.dice, 0) / Math.max(1, c.classes.length);
}

export function summarizeModel(r: ModelResult): ModelSummary {
  const names = r.cases[0]?.classes.map((c) => c.name) ?? [];
  return {
    classes: names.map((name, i) => ({
      name,
      metrics: summarizeScores(r.cases.map((c) => c.classes[i])),
    })),
    msPerSlice: summarize(r.cases.map((c) => c.timing.msPerSlice)),
    msPerVolume: summarize(r.cases.map((c) => c.timing.totalMs)),
    dice: summarize(r.cases.map(caseDice)),
  };
}
