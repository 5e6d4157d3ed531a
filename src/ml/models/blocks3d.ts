/**
 * The 3-D layer factories the volumetric networks share, with the same initializers and
 * naming as the 2-D ones in blocks.ts (normalization, activation and output layers there
 * work on 3-D maps as they are).
 */
import * as tf from '@tensorflow/tfjs';
import { UpConv3D } from '../layers';
import type { Sym } from './blocks';

/** Options of {@link conv3d}. */
export interface Conv3DOptions {
  filters: number;
  kernelSize: number;
  useBias: boolean;
  name: string;
}

/** 'same', stride-1 3-D convolution with He-normal initialization, no activation. */
export function conv3d(x: Sym, o: Conv3DOptions): Sym {
  return tf.layers
    .conv3d({
      filters: o.filters,
      kernelSize: o.kernelSize,
      padding: 'same',
      useBias: o.useBias,
      kernelInitializer: 'heNormal',
      name: o.name,
    })
    .apply(x) as Sym;
}

/** Stride-2 transposed 3-D convolution doubling every edge (trainable: see UpConv3D). */
export function upConv3d(x: Sym, o: Conv3DOptions): Sym {
  return new UpConv3D({
    filters: o.filters,
    kernelSize: o.kernelSize,
    strides: 2,
    padding: 'same',
    useBias: o.useBias,
    name: o.name,
  }).apply(x) as Sym;
}

/** 2x2x2 max-pooling with stride 2. */
export function maxPool3d(x: Sym, name: string): Sym {
  return tf.layers.maxPooling3d({ poolSize: 2, strides: 2, name }).apply(x) as Sym;
}

/** Channels of a symbolic tensor (channels last). */
export function channelsOf(x: Sym): number {
  const c = x.shape[x.shape.length - 1];
  if (c == null) throw new Error('channel count must be known');
  return c;
}

/** The input layer of a 3-D network: [depth, size, size, channels] per sample. */
export function volumeInput(depth: number, size: number, channels: number): Sym {
  return tf.input({ shape: [depth, size, size, channels], name: 'input' });
}
