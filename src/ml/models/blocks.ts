/**
 * Small layer factories shared by the U-Net and ENet builders, so both use the same batch
 * norm settings, PReLU form and initializers.
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation } from './spec';

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

/**
 * ReLU, or PReLU with one slope per channel shared over the image (ENet's form), starting
 * at 0.25 as in the paper's Torch code.
 */
export function activate(x: Sym, kind: Activation, name: string): Sym {
  const layer =
    kind === 'prelu'
      ? tf.layers.prelu({
          sharedAxes: [1, 2],
          alphaInitializer: tf.initializers.constant({ value: 0.25 }),
          name,
        })
      : tf.layers.reLU({ name });
  return layer.apply(x) as Sym;
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
