import { describe, expect, it } from 'vitest';
import type { EpochPoint } from '../../store';
import { runHistory } from './run-history';

function epochs(n: number, dice: number): EpochPoint[] {
  return Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 1 - i * 0.1,
    trainDice: dice,
    valLoss: null,
    valDice: null,
    lr: 1e-3,
  }));
}

const steps = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) }));

describe('run history', () => {
  const base = { id: 'b', name: 'U-Net #1', steps: steps(40), epochs: epochs(4, 0.7) };
  const tuned = { id: 't', name: 'tuned', steps: steps(6), epochs: epochs(2, 0.9), from: 'b' };
  const again = { id: 'a', name: 'again', steps: steps(3), epochs: epochs(1, 0.95), from: 't' };

  it('puts the base run first and numbers the fine-tune on, with a marker', () => {
    const h = runHistory(tuned, [base, tuned]);
    expect(h.steps.map((p) => p.step)).toEqual([
      ...steps(40).map((p) => p.step),
      41,
      42,
      43,
      44,
      45,
      46,
    ]);
    expect(h.epochs.map((e) => [e.epoch, e.trainDice])).toEqual([
      [1, 0.7],
      [2, 0.7],
      [3, 0.7],
      [4, 0.7],
      [5, 0.9],
      [6, 0.9],
    ]);
    expect(h.boundaries).toEqual([{ step: 40, epoch: 4, base: 'U-Net #1' }]);
    // The runs themselves are not renumbered.
    expect(tuned.epochs[0].epoch).toBe(1);
  });

  it('follows a chain of fine-tunes, and stands alone without its base', () => {
    const h = runHistory(again, [base, tuned, again]);
    expect(h.epochs.at(-1)?.epoch).toBe(7);
    expect(h.boundaries.map((b) => [b.epoch, b.base])).toEqual([
      [4, 'U-Net #1'],
      [6, 'tuned'],
    ]);
    expect(runHistory(tuned, [tuned]).epochs).toBe(tuned.epochs);
    const loop = { ...base, from: 't' };
    expect(runHistory(tuned, [loop, tuned]).boundaries).toHaveLength(1);
  });
});
