/**
 * The pure parts of the time-to-Dice benchmark: which PROMISE12 cases train and which are
 * scored (a fixed, seeded split by case), the settings a run uses, and when a run first
 * reached the target.
 */
import { splitCases } from '../../src/ml/data/split';
import { DEFAULT_SETTINGS, type TrainSettings } from '../../src/features/training/settings';
import { applyRunLength, type RunLengthName } from '../../src/features/training/run-length';

/** Case numbers ("00".."29") of the PROMISE12 image/label pairs in a folder listing. */
export function promiseCaseNumbers(files: readonly string[]): string[] {
  const numbers = (prefix: string) =>
    new Set(
      files.flatMap((f) => {
        const m = new RegExp(`(?:^|/)${prefix}_train(\\d+)\\.nii(?:\\.gz)?$`).exec(f);
        return m ? [m[1]] : [];
      }),
    );
  const labels = numbers('label');
  return [...numbers('image')].filter((n) => labels.has(n)).sort();
}

/** Cases that train and cases that are scored after every epoch. */
export interface DiceSplit {
  train: string[];
  scored: string[];
  /** What the scored cases are, for the report. */
  scoredAs: 'held-out test cases' | 'validation cases drawn from the training cases';
}

/** Cases never trained on (5 of 30), by a fixed seed. */
export const HELD_OUT = { count: 5, seed: 42 };
/** For tuning: 5 of the 25 remaining cases, by another seed. */
export const TUNING = { count: 5, seed: 7 };

function holdOut(names: readonly string[], count: number, seed: number) {
  const split = splitCases(names, { train: names.length - count, val: 0, test: count }, seed);
  return { kept: split.train.sort(), out: split.test.sort() };
}

/**
 * 'test': train on 25 cases, score the 5 held out. 'tune': the 5 held-out cases are left
 * out altogether; train on 20 of the other 25 and score the remaining 5, so that settings
 * are chosen without seeing the held-out cases.
 */
export function diceSplit(numbers: readonly string[], split: 'test' | 'tune'): DiceSplit {
  const test = holdOut(numbers, HELD_OUT.count, HELD_OUT.seed);
  if (split === 'test') {
    return { train: test.kept, scored: test.out, scoredAs: 'held-out test cases' };
  }
  const tune = holdOut(test.kept, TUNING.count, TUNING.seed);
  return {
    train: tune.kept,
    scored: tune.out,
    scoredAs: 'validation cases drawn from the training cases',
  };
}

/** The Train panel's settings for a device's run length, with `overrides` on top. */
export function diceSettings(
  runLength: RunLengthName,
  overrides: Partial<TrainSettings> = {},
): TrainSettings {
  return { ...applyRunLength(DEFAULT_SETTINGS, runLength), ...overrides };
}

/** One scored epoch. */
export interface ScoredEpoch {
  epoch: number;
  elapsedMs: number;
  dice: number;
}

/** The first epoch whose Dice reaches `target`, or null. */
export function firstReach(history: readonly ScoredEpoch[], target: number): ScoredEpoch | null {
  return history.find((h) => h.dice >= target) ?? null;
}
