/**
 * The few training choices the panel exposes, and how they become a full engine
 * configuration on top of the engine's defaults.
 */
import { defaultTrainConfig, type TrainConfig, type LossSpec } from '../../ml/train/config';
import type { TargetSpec } from '../../ml/data/target';
import { NO_AUGMENTATION } from '../../ml/data/augment';
import type { SliceFit } from '../../ml/data/slice-fit';
import { inputMultiple } from '../../ml/models';
import { unetArchitecture, unetSettingsOf, type UNetSettings } from './unet-settings';

export type LossChoice = 'dice+ce' | 'dice' | 'tversky' | 'focalTversky' | 'ce';

export interface TrainSettings {
  architecture: 'unet' | 'enet';
  /** The U-Net's shape (used when `architecture` is 'unet'). */
  unet: UNetSettings;
  inputSize: number;
  /** Slices resized to the input, or centre-cropped at the scan's resolution. */
  sliceFit: SliceFit;
  epochs: number;
  /** 0: one pass over the training slices per epoch. */
  stepsPerEpoch: number;
  batchSize: number;
  loss: LossChoice;
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  augment: boolean;
  dropEmptySlices: boolean;
  classBalanced: boolean;
  earlyStoppingPatience: number;
  /** What early stopping watches and the kept weights are best at. */
  monitor: 'valDice' | 'valLoss';
  fineTune: boolean;
  freezeEncoder: boolean;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  architecture: 'unet',
  unet: unetSettingsOf('studioDefault'),
  inputSize: 128,
  sliceFit: 'resize',
  epochs: 30,
  stepsPerEpoch: 40,
  batchSize: 8,
  loss: 'dice+ce',
  optimizer: 'adam',
  learningRate: 1e-3,
  augment: true,
  dropEmptySlices: false,
  classBalanced: true,
  earlyStoppingPatience: 8,
  monitor: 'valDice',
  fineTune: false,
  freezeEncoder: false,
};

function lossSpec(choice: LossChoice, target: TargetSpec): LossSpec {
  const ce: LossSpec = target.mode === 'binary' ? { name: 'bce' } : { name: 'cce' };
  switch (choice) {
    case 'dice+ce':
      return {
        name: 'combo',
        terms: [
          { spec: { name: 'dice' }, weight: 1 },
          { spec: ce, weight: 1 },
        ],
      };
    case 'dice':
      return { name: 'dice' };
    case 'tversky':
      return { name: 'tversky' };
    case 'focalTversky':
      return { name: 'focalTversky' };
    case 'ce':
      return ce;
  }
}

/**
 * Why these settings cannot start a run, or null. The networks halve the slice at every
 * pooling, so the input edge must divide by 2 to the number of poolings.
 */
export function settingsProblem(s: TrainSettings): string | null {
  const unet = s.architecture === 'unet';
  const what = unet ? `a ${s.unet.depth}-level U-Net` : 'ENet';
  const stride = inputMultiple(unet ? { kind: 'unet', depth: s.unet.depth } : { kind: 'enet' });
  if (!Number.isInteger(s.inputSize) || s.inputSize < stride || s.inputSize % stride !== 0) {
    return `Input size ${s.inputSize}: ${what} needs a multiple of ${stride}.`;
  }
  return null;
}

export function buildTrainConfig(
  s: TrainSettings,
  target: TargetSpec,
  inChannels: number,
): TrainConfig {
  const base = defaultTrainConfig({
    target,
    inChannels,
    architecture: s.architecture,
    inputSize: s.inputSize,
  });
  return {
    ...base,
    model: {
      ...base.model,
      sliceFit: s.sliceFit,
      ...(s.architecture === 'unet' ? { architecture: unetArchitecture(s.unet) } : {}),
    },
    loss: lossSpec(s.loss, target),
    optimizer: { ...base.optimizer, kind: s.optimizer, learningRate: s.learningRate },
    batchSize: s.batchSize,
    epochs: s.epochs,
    stepsPerEpoch: s.stepsPerEpoch > 0 ? s.stepsPerEpoch : null,
    earlyStoppingPatience: s.earlyStoppingPatience,
    earlyStoppingMonitor: s.monitor,
    augmentation: s.augment ? base.augmentation : NO_AUGMENTATION,
    sampling: { dropEmptySlices: s.dropEmptySlices, classBalanced: s.classBalanced },
    fineTune: s.fineTune ? { freezeEncoder: s.freezeEncoder } : null,
  };
}
