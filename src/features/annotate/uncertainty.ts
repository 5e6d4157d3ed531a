/**
 * Which unlabelled scan to annotate next: the one the model is least sure of. The engine
 * predicts each scan with its mirror images averaged and returns the voxel entropy of the
 * average, which is high where the model is unsure and where the mirrored predictions
 * disagree. A scan's score is the share of its prediction that is uncertain: the summed
 * entropy (bits) against the summed entropy plus the predicted foreground voxels. It is 0
 * for a confident prediction, grows with the uncertain rim around an organ relative to
 * the organ's size, and nears 1 when the model finds nothing it is sure of. Pure.
 */
import type { LabelColormap } from '../viewer/types';

export interface UncertaintyScore {
  case: string;
  /** 0..1: entropy / (entropy + predicted foreground voxels). */
  score: number;
  /** Summed voxel entropy in bits. */
  entropyBits: number;
  /** Voxels predicted as foreground. */
  foreground: number;
}

/** The score of one scan from its entropy map and predicted labels (same grid). */
export function uncertaintyScore(
  name: string,
  entropy: ArrayLike<number>,
  labels: ArrayLike<number>,
): UncertaintyScore {
  if (entropy.length !== labels.length) {
    throw new RangeError(`entropy has ${entropy.length} voxels, the labels ${labels.length}`);
  }
  let bits = 0;
  let foreground = 0;
  for (let i = 0; i < entropy.length; i++) {
    const h = entropy[i];
    if (Number.isFinite(h) && h > 0) bits += h;
    if (labels[i] !== 0) foreground++;
  }
  const score = bits === 0 ? 0 : bits / (bits + foreground);
  return { case: name, score, entropyBits: bits, foreground };
}

/** Most uncertain first; ties by name, so the order is stable. */
export function rankByUncertainty(scores: readonly UncertaintyScore[]): UncertaintyScore[] {
  return [...scores].sort((a, b) => b.score - a.score || a.case.localeCompare(b.case));
}

/** Entropy bands of the uncertainty overlay (bits), each drawn in its own colour. */
export const UNCERTAINTY_BANDS: { from: number; color: readonly [number, number, number] }[] = [
  { from: 0.1, color: [60, 90, 200] },
  { from: 0.25, color: [40, 190, 210] },
  { from: 0.5, color: [250, 200, 40] },
  { from: 0.75, color: [255, 60, 30] },
];

/** An entropy map as band numbers (0 below the first band), for a label-style overlay. */
export function uncertaintyBands(entropy: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const out = new Float32Array(entropy.length);
  for (let i = 0; i < entropy.length; i++) {
    const h = entropy[i];
    let band = 0;
    for (let b = 0; b < UNCERTAINTY_BANDS.length; b++)
      if (h >= UNCERTAINTY_BANDS[b].from) band = b + 1;
    out[i] = band;
  }
  return out;
}

/** Names and colours of the bands, for the viewer's legend. */
export function uncertaintyColormap(): LabelColormap {
  return UNCERTAINTY_BANDS.map((b, i) => {
    const to = UNCERTAINTY_BANDS[i + 1]?.from;
    return {
      value: i + 1,
      name: to === undefined ? `≥ ${b.from} bits` : `${b.from}–${to} bits`,
      color: b.color,
    };
  });
}
