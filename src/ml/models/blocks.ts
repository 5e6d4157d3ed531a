/**
 * Small layer factories shared by every builder, so all networks use the same batch norm
 * settings, activation forms and initializers.
 */
import * as tf from '@tensorflow/tfjs';
import { InstanceNormalization } from '../layers';
import type { Activation, Normalization } from './architecture';

export type Sym = tf.SymbolicTensor;

/**
 * Batch norm over channels. Momentum 0.9 (Torch's 0.1 in its own convention) rather than
 * Keras' 0.99: runs in the studio are short, and the moving statistics used at inference
 * must catch up within a few hundred steps.
 */
export function batchNorm(x: Sym, name: string): Sym {
  return tf.layers
    .batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-3, name })
    .apply(x) as Sym;
}

/** The chosen normalization after a convolution, or the input itself for 'none'. */
export function normalize(x: Sym, kind: Normalization, name: string): Sym {
  switch (kind) {
    case 'batch':
      return batchNorm(x, name);
    case 'instance':
      return new InstanceNormalization({ name }).apply(x) as Sym;
    case 'none':
      return x;
  }
}

/** Whether a convolution needs a bias: not when a normalization's shift follows it. */
export function biasBefore(kind: Normalization): boolean {
  return kind === 'none';
}

/**
 * ReLU; PReLU with one slope per channel shared over the image (ENet's form), starting at
 * 0.25 as in the paper's Torch code; or LeakyReLU with nnU-Net's slope of 0.01.
 */
export function activate(x: Sym, kind: Activation, name: string): Sym {
  const spatial = x.shape.length - 2;
  switch (kind) {
    case 'prelu':
      return tf.layers
        .prelu({
          sharedAxes: Array.from({ length: spatial }, (_, i) => i + 1),
          alphaInitializer: tf.initializers.constant({ value: 0.25 }),
          name,
        })
        .apply(x) as Sym;
    case 'leakyrelu':
      return tf.layers.leakyReLU({ alpha: 0.01, name }).apply(x) as Sym;
    case 'relu':
      return tf.layers.reLU({ name }).apply(x) as Sym;
  }
}

/** Options of {@link conv}. */
export interface ConvOptions {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number;
  useBias: boolean;
  padding?: 'same' | 'valid';
  name: string;
}

/** 'same' (by default) convolution with He-normal initialization, no activation. */
export function conv(x: Sym, o: ConvOptions): Sym {
  return tf.layers
    .conv2d({
      filters: o.filters,
      kernelSize: o.kernelSize,
      strides: o.strides ?? 1,
      padding: o.padding ?? 'same',
      useBias: o.useBias,
      kernelInitializer: 'heNormal',
      name: o.name,
    })
    .apply(x) as Sym;
}

/** Stride-2 transposed convolution doubling the resolution. */
export function upConv(x: Sym, o: ConvOptions): Sym {
  return tf.layers
    .conv2dTranspose({
      filters: o.filters,
      kernelSize: o.kernelSize,
      strides: o.strides ?? 2,
      padding: 'same',
      useBias: o.useBias,
      kernelInitializer: 'heNormal',
      name: o.name,
    })
    .apply(x) as Sym;
}

/** Sigmoid for a single foreground map, softmax over classes otherwise. */
export function outputActivation(x: Sym, numClasses: number, name: string): Sym {
  return tf.layers
    .activation({ activation: numClasses === 1 ? 'sigmoid' : 'softmax', name })
    .apply(x) as Sym;
}

/** Throws unless the spec's sizes are usable. */
export function checkIO(inputSize: number, inChannels: number, numClasses: number): void {
  for (const [label, v] of [
    ['inputSize', inputSize],
    ['inChannels', inChannels],
    ['numClasses', numClasses],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${label} must be a positive integer`);
  }
}
