/**
 * The eval command's options: parsed, checked against each other, and the folders
 * checked to exist, before anything is built or launched.
 */
import { statSync } from 'node:fs';
import type { BackendPreference } from '../../src/ml/types';
import { architecture, ARCHITECTURE_KINDS } from '../../src/ml/models';
import { defaultInputMultiple, type Architecture } from './plan';
import { choiceOption, intOption, parseOptions, stringOption, UsageError } from './options';

const KINDS = ARCHITECTURE_KINDS.join('|');

export const EVAL_USAGE = `usage: npm run eval -- --train DIR --test DIR --model ${KINDS} [options]
       npm run eval -- --train DIR [--test DIR] --model NAME --folds K [options]
       npm run eval -- --load-model DIR --test DIR [options]
       npm run eval -- (--train DIR --model NAME | --load-model DIR) --test DIR
                       --fine-tune DIR [options]

  --train DIR        cases to train on (image/label NIfTI pairs); 15 % of them, by case,
                     are held out for validation and early stopping
  --test DIR         cases to segment and score against their labels
  --model NAME       the studio's default network of that architecture:
                     ${ARCHITECTURE_KINDS.join(', ')}
  --steps N          optimizer steps in all (default: 30 epochs of one pass each)
  --epochs E         epochs the steps are spread over (default: up to 10 dividing N)
  --size S           input edge in pixels (default 128 for U-Net, 256 for ENet; for 3-D
                     networks the patch's in-plane edge, default 64)
  --depth D          3-D networks: slices per patch (default 16)
  --batch B          slices (2-D) or patches (3-D) per step (default 8; 2 for 3-D)
  --loss L           ce (cross-entropy alone, as seed 002 trains its 3-D networks) or
                     dice+ce (the default of every architecture)
  --backend NAME     auto (default), webgpu, webgl, wasm or cpu
  --foreground V,..  label values that form the foreground (default 1)
  --patience P       epochs without a better validation Dice before training stops
                     (default 6; 0 trains every epoch and keeps the best one)
  --seed N           seed of the split, sampling, augmentation and initial weights
                     (default 42)
  --all-regions      score every predicted region; by default each prediction keeps
                     only its largest connected region, as the studio does
  --out FILE.json    write the results as JSON
  --folds K          K-fold cross-validation on the train folder's cases (by case,
                     stratified by label volume): K models trained one after another,
                     each scored on the cases it never saw, per fold and pooled; with
                     --test, every fold model, their ensemble (averaged probabilities)
                     and, with --tta, both mirror-averaged are scored on the test cases
  --tta              also score with test-time augmentation (each slice or 3-D patch and
                     its left-right mirror averaged, its up-down mirrors too for a model
                     trained with up-down flips), beside the plain prediction: its Dice
                     and ms/slice
  --save-model DIR   save the trained model (model.json + model.weights.bin); with
                     --folds, one per fold in DIR/fold1, DIR/fold2, ...
  --load-model DIR   evaluate a saved model instead of training one
  --fine-tune DIR    then fine-tune the model on these cases (their labels stand for a
                     user's corrections), as the Annotate workspace does: a small constant
                     learning rate, no early stopping; the test cases and these cases are
                     scored before and after, and the fine-tune's wall time reported
  --fine-tune-steps N  steps of that fine-tune (default 60: 3 epochs of 20, the studio's)
  --fine-tune-alone  fine-tune on those cases only; by default, as in the workspace, they
                     are mixed with the model's own training cases (with --train)`;

/** Checked options of one eval run. */
export interface EvalOptions {
  train?: string;
  /** Required unless cross-validating. */
  test?: string;
  model?: Architecture;
  steps?: number;
  epochs?: number;
  size?: number;
  /** 3-D networks: slices per patch. */
  depth?: number;
  batch?: number;
  loss?: 'ce' | 'dice+ce';
  backend: BackendPreference;
  foreground: number[];
  /** Early-stopping patience in epochs; 0 turns early stopping off. */
  patience?: number;
  seed?: number;
  /** Score predictions without keeping only their largest region. */
  allRegions: boolean;
  /** K-fold cross-validation on the train folder. */
  folds?: number;
  /** Also score mirror-averaged predictions. */
  tta: boolean;
  out?: string;
  saveModel?: string;
  loadModel?: string;
  /** Cases to fine-tune the model on after scoring it. */
  fineTune?: string;
  fineTuneSteps?: number;
  /**
   * Fine-tune on the model's training cases too: the default whenever they are known
   * (--train), as the Annotate workspace mixes them; --fine-tune-alone turns it off.
   */
  fineTuneMix: boolean;
}

const OPTIONS = {
  train: { type: 'string' },
  test: { type: 'string' },
  model: { type: 'string' },
  steps: { type: 'string' },
  epochs: { type: 'string' },
  size: { type: 'string' },
  depth: { type: 'string' },
  batch: { type: 'string' },
  loss: { type: 'string' },
  backend: { type: 'string' },
  foreground: { type: 'string' },
  seed: { type: 'string' },
  patience: { type: 'string' },
  'all-regions': { type: 'boolean' },
  folds: { type: 'string' },
  tta: { type: 'boolean' },
  out: { type: 'string' },
  'save-model': { type: 'string' },
  'load-model': { type: 'string' },
  'fine-tune': { type: 'string' },
  'fine-tune-steps': { type: 'string' },
  'fine-tune-alone': { type: 'boolean' },
} as const;

function checkFolder(flag: string, dir: string | undefined): void {
  if (dir === undefined) return;
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`--${flag} ${dir}: no such folder`);
  }
  if (!ok) throw new UsageError(`--${flag} ${dir}: not a folder`);
}

function foregroundValues(text: string | undefined): number[] {
  if (text === undefined) return [1];
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) {
    throw new UsageError(`--foreground takes positive integer label values, got "${text}"`);
  }
  return values;
}

/**
 * The input edge (and a 3-D network's patch depth) must be a multiple of what the default
 * network's poolings halve: a slice for 2-D networks, a patch for 3-D ones.
 */
function checkInputSize(o: EvalOptions): void {
  const multiple = o.model ? defaultInputMultiple(o.model) : 8;
  const volume = o.model !== undefined && architecture(o.model).geometry === 'volume';
  const what = volume ? 'patch' : 'slice';
  if (o.size !== undefined && o.size % multiple !== 0) {
    throw new UsageError(
      `--size must be a multiple of ${multiple} (the default ${o.model ?? 'network'} halves ` +
        `the ${what} that often), got ${o.size}`,
    );
  }
  if (o.depth === undefined) return;
  if (!volume)
    throw new UsageError(`--depth applies to 3-D networks only, not ${o.model ?? 'none'}`);
  if (o.depth % multiple !== 0) {
    throw new UsageError(
      `--depth must be a multiple of ${multiple} (the default ${o.model} halves the patch ` +
        `that often), got ${o.depth}`,
    );
  }
}

/** A fine-tune needs one model and a test folder to measure it on. */
function checkFineTune(o: EvalOptions, alone: boolean): void {
  if (o.fineTune === undefined) {
    if (o.fineTuneSteps !== undefined || alone) {
      throw new UsageError('--fine-tune-steps and --fine-tune-alone need --fine-tune DIR');
    }
    return;
  }
  if (o.folds !== undefined) throw new UsageError('--fine-tune excludes --folds');
  if (!o.test) throw new UsageError('--fine-tune needs --test DIR to measure the change on');
}

/** Parses and checks the eval command line; throws UsageError on any mistake. */
export function readEvalOptions(argv: readonly string[]): EvalOptions {
  const v = parseOptions(argv, OPTIONS);
  const o: EvalOptions = {
    train: stringOption(v, 'train'),
    test: stringOption(v, 'test'),
    model: choiceOption(v, 'model', ARCHITECTURE_KINDS),
    steps: intOption(v, 'steps'),
    epochs: intOption(v, 'epochs'),
    size: intOption(v, 'size', 8),
    depth: intOption(v, 'depth'),
    batch: intOption(v, 'batch'),
    loss: choiceOption(v, 'loss', ['ce', 'dice+ce'] as const),
    backend:
      choiceOption(v, 'backend', ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const) ?? 'auto',
    foreground: foregroundValues(stringOption(v, 'foreground')),
    seed: intOption(v, 'seed', 0),
    patience: intOption(v, 'patience', 0),
    allRegions: v['all-regions'] === true,
    folds: intOption(v, 'folds', 2),
    tta: v.tta === true,
    out: stringOption(v, 'out'),
    saveModel: stringOption(v, 'save-model'),
    loadModel: stringOption(v, 'load-model'),
    fineTune: stringOption(v, 'fine-tune'),
    fineTuneSteps: intOption(v, 'fine-tune-steps'),
    // A loaded model brings no training cases to mix in.
    fineTuneMix: v['fine-tune-alone'] !== true && stringOption(v, 'train') !== undefined,
  };
  if (!o.test && o.folds === undefined) throw new UsageError('--test DIR is required');
  if (o.folds !== undefined && o.loadModel) {
    throw new UsageError('--folds trains its own models: it excludes --load-model');
  }
  if (o.loadModel) {
    if (o.train) throw new UsageError('--train and --load-model exclude each other');
    if ([o.steps, o.epochs, o.batch, o.patience, o.depth, o.loss].some((x) => x !== undefined)) {
      throw new UsageError(
        '--load-model evaluates a saved model: --steps/--epochs/--batch/--patience/--depth/--loss do not apply',
      );
    }
  } else {
    if (!o.train) throw new UsageError('--train DIR is required (or --load-model DIR)');
    if (!o.model) throw new UsageError(`--model ${KINDS} is required when training`);
  }
  checkFineTune(o, v['fine-tune-alone'] === true);
  checkInputSize(o);
  checkFolder('train', o.train);
  checkFolder('test', o.test);
  checkFolder('load-model', o.loadModel);
  checkFolder('fine-tune', o.fineTune);
  return o;
}
