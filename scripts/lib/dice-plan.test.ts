import { describe, expect, it } from 'vitest';
import { diceSettings, diceSplit, firstReach, promiseCaseNumbers } from './dice-plan';
import { RUN_LENGTHS } from '../../src/features/training/run-length';

const numbers = Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0'));

describe('promiseCaseNumbers', () => {
  it('keeps the numbers with both an image and a label', () => {
    const files = [
      'image_train00.nii.gz',
      'label_train00.nii.gz',
      'x/image_train07.nii',
      'label_train07.nii',
      'image_train09.nii.gz',
      'README',
    ];
    expect(promiseCaseNumbers(files)).toEqual(['00', '07']);
  });
});

describe('diceSplit', () => {
  it('holds 5 of 30 cases out of training, always the same', () => {
    const a = diceSplit(numbers, 'test');
    expect(a.train).toHaveLength(25);
    expect(a.scored).toHaveLength(5);
    expect(new Set([...a.train, ...a.scored]).size).toBe(30);
    expect(diceSplit([...numbers].reverse(), 'test')).toEqual(a);
  });
  it('tunes on the training cases only', () => {
    const test = diceSplit(numbers, 'test');
    const tune = diceSplit(numbers, 'tune');
    expect(tune.train).toHaveLength(20);
    expect(tune.scored).toHaveLength(5);
    for (const n of [...tune.train, ...tune.scored]) expect(test.train).toContain(n);
  });
});

describe('diceSettings', () => {
  it('is the Train panel default at the run length, with overrides on top', () => {
    const s = diceSettings('standard', { batchSize: 4 });
    expect(s.epochs).toBe(RUN_LENGTHS.standard.epochs);
    expect(s.batchSize).toBe(4);
    expect(s.architecture).toBe('unet');
  });
});

describe('firstReach', () => {
  it('finds the first epoch at or above the target', () => {
    const h = [0.5, 0.79, 0.8, 0.85].map((dice, i) => ({ epoch: i + 1, elapsedMs: i * 10, dice }));
    expect(firstReach(h, 0.8)?.epoch).toBe(3);
    expect(firstReach(h, 0.9)).toBeNull();
  });
});
