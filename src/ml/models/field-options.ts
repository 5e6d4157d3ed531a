/** Menu options shared by the architectures' activation and normalization fields. */
import type { Activation, Normalization } from './architecture';

export const ACTIVATION_OPTIONS: readonly { value: Activation; label: string }[] = [
  { value: 'relu', label: 'ReLU' },
  { value: 'prelu', label: 'PReLU' },
  { value: 'leakyrelu', label: 'LeakyReLU (0.01)' },
];

export const NORMALIZATION_OPTIONS: readonly { value: Normalization; label: string }[] = [
  { value: 'batch', label: 'batch norm' },
  { value: 'instance', label: 'instance norm' },
  { value: 'none', label: 'none' },
];
