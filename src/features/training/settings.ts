/**
 * The training choices the panel exposes, and how they become a full engine
 * configuration on top of the engine's defaults.
 */
import { defaultTrainConfig, type LossSpec, type TrainConfig } from '../../ml/train/config';
import type { TargetSpec } from '../../ml/data/target';
import { NO_AUGMENTATION } from '../../ml/data/augment';
import type { SliceFit } from '../../ml/data/slice-fit';
import type { BackendName } from '../../ml/types';
import { architecture, specProblem, type ArchitectureKind } from '../../ml/models';
import { estimateTrainingMemory, fitToMemory } from '../../ml/train/memory';
import { unreachable } from '../../shared/engine-error';
import { defaultShapes, type NetworkShapes } from './architecture-settings';

export type LossChoice = 'dice+ce' | 'dice' | 'tversky' | 'focalTversky' | 'ce';

export interface TrainSettings {
  architecture: ArchitectureKind;
  /** Every architecture's shape as last edited. */
  networks: NetworkShapes;
  inputSize: number;
  /** Neighbouring slices stacked as input channels (2.5-D); 1 for plain 2-D. */
  contextSlices: number;
  /** 3-D networks: slices per patch (the input size is the patch's in-plane edge). */
  patchDepth: number;
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
  /** Weight alpha of each deep-supervision side output, and whether it decays to 0. */
  sideWeight: number;
  sideDecay: boolean;
  fineTune: boolean;
  freezeEncoder: boolean;
}

export const DEFAULT_SETTINGS: TrainSettings = {
  architecture: 'unet',
  networks: defaultShapes(),
  inputSize: 128,
  contextSlices: 1,
  patchDepth: 16,
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
  sideWeight: 0.5,
  sideDecay: true,
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
    default:
      return unreachable(choice);
  }
}

/** Whether the chosen network sees 3-D patches. */
export function seesPatches(s: Pick<TrainSettings, 'architecture'>): boolean {
  return architecture(s.architecture).geometry === 'volume';
}

/** The network these settings describe, for `inChannels` sequences and `numClasses` outputs. */
export function modelSpecOf(s: TrainSettings, inChannels: number, numClasses: number) {
  const common = { architecture: s.networks[s.architecture], inputSize: s.inputSize };
  if (seesPatches(s)) return { ...common, inChannels, numClasses, patchDepth: s.patchDepth };
  return {
    ...common,
    sliceFit: s.sliceFit,
    inChannels,
    contextSlices: s.contextSlices,
    numClasses,
  };
}

/**
 * Why these settings cannot start a run, or null: input size, stacked slices or patch
 * depth, the network's own checks, and, given the device's `memoryBudget` in bytes, a
 * training step that would not fit in it.
 */
export function settingsProblem(
  s: TrainSettings,
  inChannels = 1,
  memoryBudget?: number,
): string | null {
  const spec = modelSpecOf(s, inChannels, 1);
  const problem = specProblem(spec);
  if (problem || memoryBudget === undefined) return problem;
  const need = estimateTrainingMemory(spec, s.batchSize);
  if (need === null || need.bytes <= memoryBudget) return null;
  return `A training step needs about ${(need.bytes / 1024 ** 3).toFixed(1)} GB, more than this device allows: use a smaller batch or patch.`;
}

/**
 * The settings with `kind` chosen. Between 2-D networks nothing else changes (the user's
 * input size and training settings carry over); to or from a network with its own training
 * defaults (the 3-D ones), its input, loss, learning rate and batch are taken, and the
 * batch, then the patch, are brought within the device's `memoryBudget` in bytes.
 */
export function withArchitecture(
  s: TrainSettings,
  kind: ArchitectureKind,
  memoryBudget: number,
): TrainSettings {
  const from = architecture(s.architecture);
  const to = architecture(kind);
  const next = { ...s, architecture: kind };
  if (!from.training && !to.training) return next;
  const own = to.training ?? {};
  const chosen: TrainSettings = {
    ...next,
    inputSize: to.defaultInputSize,
    patchDepth: own.patchDepth ?? DEFAULT_SETTINGS.patchDepth,
    contextSlices: 1,
    loss: own.loss ?? DEFAULT_SETTINGS.loss,
    learningRate: own.learningRate ?? DEFAULT_SETTINGS.learningRate,
    batchSize: own.batchSize ?? DEFAULT_SETTINGS.batchSize,
  };
  const fit = fitToMemory(modelSpecOf(chosen, 1, 1), chosen.batchSize, memoryBudget);
  return fit ? { ...chosen, inputSize: fit.inputSize, batchSize: fit.batch } : chosen;
}

/** The backend a backend label (`"wasm · …"`) names, or null while none runs. */
export function backendOfLabel(label: string): BackendName | null {
  const name = label.split(' · ')[0];
  return (['webgpu', 'webgl', 'wasm', 'cpu'] as const).find((b) => b === name) ?? null;
}

/** The run name for the next run of `kind`: "<label> #<n>", n one past the highest used. */
export function nextRunName(kind: ArchitectureKind, names: readonly string[]): string {
  const label = architecture(kind).label;
  const pattern = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} #(\\d+)$`);
  const used = names.map((n) => pattern.exec(n)?.[1]).filter((n): n is string => !!n);
  return `${label} #${Math.max(0, ...used.map(Number)) + 1}`;
}

export function buildTrainConfig(
  s: TrainSettings,
  target: TargetSpec,
  inChannels: number,
): TrainConfig {
  const base = defaultTrainConfig({ target, inChannels, architecture: s.architecture });
  return {
    ...base,
    model: modelSpecOf(s, inChannels, base.model.numClasses),
    loss: lossSpec(s.loss, target),
    optimizer: { ...base.optimizer, kind: s.optimizer, learningRate: s.learningRate },
    batchSize: s.batchSize,
    epochs: s.epochs,
    stepsPerEpoch: s.stepsPerEpoch > 0 ? s.stepsPerEpoch : null,
    earlyStoppingPatience: s.earlyStoppingPatience,
    earlyStoppingMonitor: s.monitor,
    augmentation: s.augment ? base.augmentation : NO_AUGMENTATION,
    sampling: { dropEmptySlices: s.dropEmptySlices, classBalanced: s.classBalanced },
    deepSupervisionWeight: s.sideWeight,
    deepSupervisionDecay: s.sideDecay,
    fineTune: s.fineTune ? { freezeEncoder: s.freezeEncoder } : null,
  };
}
