import { describe, expect, it } from 'vitest';
import { readBenchOptions } from './bench-options';
import { readEvalOptions } from './eval-options';
import { UsageError } from './options';

const here = import.meta.dirname;

describe('readEvalOptions', () => {
  it('reads a training run', () => {
    const o = readEvalOptions([
      '--train',
      here,
      '--test',
      here,
      '--model',
      'enet',
      '--steps',
      '40',
      '--patience',
      '0',
    ]);
    expect(o).toMatchObject({
      model: 'enet',
      steps: 40,
      patience: 0,
      backend: 'auto',
      foreground: [1],
      allRegions: false,
    });
  });

  it('reads a 3-D run: the size is the patch edge, --depth its slices, both checked', () => {
    const o = readEvalOptions([
      '--train',
      here,
      '--test',
      here,
      '--model',
      'unet3d',
      '--size',
      '48',
      '--depth',
      '8',
    ]);
    expect(o).toMatchObject({ model: 'unet3d', size: 48, depth: 8 });
    const refuse = (extra: string[], message: RegExp) =>
      expect(() => readEvalOptions(['--train', here, '--test', here, ...extra])).toThrow(message);
    refuse(
      ['--model', 'unet3d', '--size', '60'],
      /multiple of 8 \(the default unet3d halves the patch/,
    );
    refuse(['--model', 'fcdensenet3d', '--depth', '12'], /--depth must be a multiple of 8/);
    refuse(['--model', 'unet', '--depth', '16'], /--depth applies to 3-D networks only/);
  });

  it('reads an evaluation of a saved model', () => {
    const o = readEvalOptions([
      '--load-model',
      here,
      '--test',
      here,
      '--foreground',
      '1,2',
      '--all-regions',
    ]);
    expect(o).toMatchObject({ loadModel: here, foreground: [1, 2], allRegions: true });
  });

  it('reads a cross-validation with mirror averaging, the test folder optional', () => {
    const o = readEvalOptions(['--train', here, '--model', 'unet', '--folds', '5', '--tta']);
    expect(o).toMatchObject({ folds: 5, tta: true, test: undefined });
    expect(readEvalOptions(['--train', here, '--test', here, '--model', 'unet']).tta).toBe(false);
  });

  it('reads a fine-tune of a trained or a saved model', () => {
    const o = readEvalOptions([
      ...['--train', here, '--test', here, '--model', 'unet'],
      ...['--fine-tune', here, '--fine-tune-steps', '30'],
    ]);
    // Mixed with the model's training cases by default, as the Annotate workspace does.
    expect(o).toMatchObject({ fineTune: here, fineTuneSteps: 30, fineTuneMix: true });
    const alone = readEvalOptions([
      ...['--train', here, '--test', here, '--model', 'unet'],
      ...['--fine-tune', here, '--fine-tune-alone'],
    ]);
    expect(alone.fineTuneMix).toBe(false);
    // A saved model brings no training cases to mix in.
    const saved = readEvalOptions(['--load-model', here, '--test', here, '--fine-tune', here]);
    expect(saved).toMatchObject({ fineTune: here, fineTuneSteps: undefined, fineTuneMix: false });
  });

  it.each([
    [['--test', here, '--model', 'unet'], /--train DIR is required/],
    [
      ['--train', here, '--model', 'unet', '--folds', '2', '--fine-tune', here],
      /--fine-tune excludes --folds/,
    ],
    [['--load-model', here, '--test', here, '--fine-tune-alone'], /need --fine-tune DIR/],
    [['--train', here, '--model', 'unet'], /--test DIR is required/],
    [['--train', here, '--model', 'unet', '--folds', '1'], /--folds must be an integer >= 2/],
    [['--load-model', here, '--test', here, '--folds', '3'], /excludes --load-model/],
    [['--train', here, '--test', here], /--model unet\|enet\|[a-z0-9|]+ is required when training/],
    [['--train', here, '--test', here, '--model', 'vnet'], /--model must be one of unet, enet/],
    [
      ['--train', here, '--test', here, '--model', 'unet', '--steps', '0'],
      /--steps must be an integer >= 1/,
    ],
    [['--train', here, '--test', here, '--model', 'unet', '--size', '100'], /multiple of 16/],
    [['--train', here, '--test', here, '--model', 'unet', '--size', '40'], /multiple of 16/],
    [['--train', here, '--test', here, '--model', 'enet', '--size', '100'], /multiple of 8/],
    [
      ['--train', here, '--test', '/no/such/dir', '--model', 'unet'],
      /--test \/no\/such\/dir: no such folder/,
    ],
    [['--load-model', here, '--test', here, '--steps', '5'], /do not apply/],
    [['--load-model', here, '--test', here, '--patience', '3'], /do not apply/],
    [['--load-model', here, '--test', here, '--loss', 'ce'], /do not apply/],
    [
      ['--train', here, '--test', here, '--model', 'unet', '--loss', 'dice'],
      /--loss must be one of/,
    ],
    [['--train', here, '--test', here, '--model', 'unet', '--gpu'], /Unknown option '--gpu'/],
  ])('refuses %j', (argv, message) => {
    expect(() => readEvalOptions(argv)).toThrow(UsageError);
    expect(() => readEvalOptions(argv)).toThrow(message);
  });
});

describe('readBenchOptions', () => {
  it('runs every backend and both models by default', () => {
    const o = readBenchOptions([]);
    expect(o.backends).toEqual(['wasm', 'webgl', 'webgpu', 'cpu']);
    expect(o).toMatchObject({ models: ['unet', 'enet'], size: 64, batch: 2, steps: 3, peer: true });
  });

  it('keeps --smoke small and says why each slow backend is skipped', () => {
    const o = readBenchOptions(['--smoke']);
    expect(o.backends).toEqual(['wasm']);
    expect(o.skipped.map((s) => s.backend)).toEqual(['webgl', 'webgpu', 'cpu']);
    expect(o.skipped.every((s) => s.reason.startsWith('skipped in --smoke'))).toBe(true);
    expect(o).toMatchObject({ size: 32, batch: 2, steps: 2, warmup: 1 });
  });

  it('honours explicit choices, even with --smoke', () => {
    const o = readBenchOptions(['--smoke', '--backends', 'cpu', '--models', 'enet', '--no-peer']);
    expect(o).toMatchObject({ backends: ['cpu'], skipped: [], models: ['enet'], peer: false });
    expect(() => readBenchOptions(['--backends', 'cuda'])).toThrow(/comma-separated list/);
  });

  it('takes only sizes every chosen default network can halve down', () => {
    expect(() => readBenchOptions(['--size', '40'])).toThrow(/multiple of 16/);
    expect(readBenchOptions(['--size', '40', '--models', 'enet']).size).toBe(40);
  });

  it('times WASM at 1, 2 and every thread by default, once per count', () => {
    expect(readBenchOptions([], 8).threads).toEqual([1, 2, 8]);
    expect(readBenchOptions([], 2).threads).toEqual([1, 2]);
    expect(readBenchOptions(['--smoke'], 4).threads).toEqual([4]);
    expect(readBenchOptions(['--threads', 'all,1'], 4).threads).toEqual([1, 4]);
    expect(() => readBenchOptions(['--threads', '3'], 2)).toThrow(/numbers from 1 to 2/);
  });

  it('reads a time-to-Dice run', () => {
    const o = readBenchOptions(['--time-to-dice', '0.8', '--data', '/d', '--budget-min', '12']);
    expect(o).toMatchObject({ timeToDice: 0.8, data: '/d', budgetMinutes: 12 });
    expect(readBenchOptions([]).timeToDice).toBeUndefined();
    expect(() => readBenchOptions(['--time-to-dice', '80'])).toThrow(/Dice in \(0, 1\)/);
  });
});
