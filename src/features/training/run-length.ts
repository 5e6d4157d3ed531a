/**
 * How long a run trains, as the Train panel's "Run length" menu offers it: a few named
 * lengths, each fixing the fields that decide a run's cost (epochs, steps per epoch, input
 * size, batch) and the learning rate that suits it, and the length that fits the device
 * the engine runs on. Pure, so the choice is unit-tested apart from the panel.
 */
import type { BackendName } from '../../ml/types';
import type { TrainSettings } from './settings';

export type RunLengthName = 'quick' | 'standard' | 'long';

/** The settings a run length fixes. */
export type RunLengthFields = Pick<
  TrainSettings,
  'epochs' | 'stepsPerEpoch' | 'inputSize' | 'batchSize' | 'learningRate'
>;

export interface RunLength extends RunLengthFields {
  label: string;
  /** One line under the menu. */
  hint: string;
}

/**
 * - quick: a recognisable prediction of the built-in sample within about 30 s on a 2-core
 *   CPU: 48 px input (a multiple of 16 the default U-Net takes, at which the phantom's
 *   gland is still several pixels across), batch 4, a higher learning rate, 60 steps in
 *   one epoch (one validation and no checkpoint to store: splitting the same steps into
 *   epochs trains the same model, only later).
 * - standard: the CPU default, sized to reach a useful model on PROMISE12 in minutes.
 * - long: the full schedule, the default where a GPU does the work.
 */
export const RUN_LENGTHS: Readonly<Record<RunLengthName, RunLength>> = {
  quick: {
    label: 'Quick (a first look)',
    hint: 'A rough model in seconds: small input, few steps.',
    epochs: 1,
    stepsPerEpoch: 60,
    inputSize: 48,
    batchSize: 4,
    learningRate: 3e-3,
  },
  standard: {
    label: 'Standard',
    hint: 'A useful model in minutes on a CPU.',
    epochs: 12,
    stepsPerEpoch: 40,
    inputSize: 128,
    batchSize: 8,
    learningRate: 1e-3,
  },
  long: {
    label: 'Long',
    hint: 'The full schedule: best on a GPU.',
    epochs: 30,
    stepsPerEpoch: 40,
    inputSize: 128,
    batchSize: 8,
    learningRate: 1e-3,
  },
};

export const RUN_LENGTH_NAMES = Object.keys(RUN_LENGTHS) as RunLengthName[];

const FIELDS: readonly (keyof RunLengthFields)[] = [
  'epochs',
  'stepsPerEpoch',
  'inputSize',
  'batchSize',
  'learningRate',
];

/** `settings` with the fields of run length `name`. */
export function applyRunLength(settings: TrainSettings, name: RunLengthName): TrainSettings {
  const { label: _label, hint: _hint, ...fields } = RUN_LENGTHS[name];
  return { ...settings, ...fields };
}

/** The run length `settings` match, or 'custom' once any of its fields was changed. */
export function runLengthOf(settings: TrainSettings): RunLengthName | 'custom' {
  return (
    RUN_LENGTH_NAMES.find((name) => FIELDS.every((k) => settings[k] === RUN_LENGTHS[name][k])) ??
    'custom'
  );
}

/**
 * The run length that fits the device: the full schedule where a real GPU trains, the
 * CPU default elsewhere (WASM, plain JavaScript, or a GPU emulated in software, whose
 * description says so).
 */
export function deviceRunLength(backend: BackendName | null, adapter = ''): RunLengthName {
  const gpu = backend === 'webgpu' || backend === 'webgl';
  return gpu && !/software/i.test(adapter) ? 'long' : 'standard';
}
