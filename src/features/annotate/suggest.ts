/**
 * The next scan to annotate: every scan not yet fully labelled is predicted with the
 * chosen model, its mirror images averaged, and ranked by how unsure the model is (see
 * uncertainty.ts), as active learning does. Each scan's uncertainty map is kept so the
 * viewer can show why it was suggested, and its prediction, ready to be taken as a draft.
 */
import type { Volume } from '../../io/volume';
import { useStudio, type StudyCase } from '../../store';
import { caseImage, predictWithModel } from '../training/predictions';
import { rankByUncertainty, uncertaintyBands, uncertaintyScore } from './uncertainty';

/** Uncertainty maps by case: entropy bands on the case's grid, and the model behind them. */
const maps = new Map<string, { model: string; volume: Volume }>();

/** The uncertainty map of `caseName` from the last ranking, if any. */
export function uncertaintyMap(caseName: string): { model: string; volume: Volume } | undefined {
  return maps.get(caseName);
}

/** Whether a case's label has slices nobody reviewed (null: all count). */
function partlyReviewed(c: StudyCase, depth: number): boolean {
  return Array.isArray(c.reviewed) && c.reviewed.length < depth;
}

/** The cases a ranking considers, in dataset order. */
export function candidateCases(): string[] {
  const s = useStudio.getState();
  return s.cases
    .filter((c) => {
      if (c.problem) return false;
      if (!c.label) return true;
      const depth = s.files[c.channels[0]?.path ?? '']?.volumes?.[0]?.dims[2] ?? 0;
      return partlyReviewed(c, depth);
    })
    .map((c) => c.name);
}

let ranking: symbol | null = null;

/**
 * Ranks the candidate scans by `model`'s uncertainty, filling the list as each scan is
 * scored. A new ranking supersedes one still running.
 */
export async function rankCases(model: string): Promise<void> {
  const token = Symbol('ranking');
  ranking = token;
  const names = candidateCases();
  const store = useStudio.getState();
  store.setSuggestions({ model, ranked: [], pending: names.length });
  const scores = [];
  for (const [i, name] of names.entries()) {
    const { prediction } = await predictWithModel(model, name, model, {
      tta: true,
      uncertainty: true,
    });
    if (ranking !== token) return;
    const entropy = prediction.uncertainty;
    if (!entropy) throw new Error('the engine returned no uncertainty map');
    scores.push(uncertaintyScore(name, entropy, prediction.labels));
    maps.set(name, {
      model,
      volume: { ...caseImage(name), data: uncertaintyBands(entropy), sourceType: 'uint8' },
    });
    useStudio.getState().setSuggestions({
      model,
      ranked: rankByUncertainty(scores),
      pending: names.length - i - 1,
    });
  }
}
