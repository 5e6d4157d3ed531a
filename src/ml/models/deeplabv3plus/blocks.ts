/**
 * DeepLabv3+'s building blocks (Chen et al. 2018, Sec. 3.2-3.3): convolution units, the
 * atrous depthwise-separable convolution, the Xception block and MobileNetV2's inverted
 * residual. Layer order, biases and paddings follow the Keras implementation seed 002 used,
 * so that its Xception network is reproduced exactly (see presets.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { DilatedDepthwiseConv2D } from '../../layers';
import { activate, biasBefore, conv, normalize, type Sym } from '../blocks';
import type { DeepLabV3PlusSpec } from './spec';

/** What every block needs from the spec. */
export type Style = Pick<DeepLabV3PlusSpec, 'normalization' | 'activation'>;

export function channels(x: Sym): number {
  const c = x.shape[x.shape.length - 1];
  if (c == null) throw new Error('channel count must be known');
  return c;
}

/** Convolution (no bias before a normalization), normalization, optional activation. */
export function convUnit(
  x: Sym,
  filters: number,
  kernelSize: number,
  style: Style,
  name: string,
  o: { strides?: number; act?: boolean } = {},
): Sym {
  let y = conv(x, {
    filters,
    kernelSize,
    strides: o.strides,
    useBias: biasBefore(style.normalization),
    name,
  });
  y = normalize(y, style.normalization, `${name}_norm`);
  return o.act === false ? y : activate(y, style.activation, `${name}_act`);
}

/**
 * Depthwise 3x3 convolution: atrous (DilatedDepthwiseConv2D, since tfjs has no gradient
 * for dilated depthwise convolutions) at rate > 1; at stride 2, padded by one pixel on
 * every side and then unpadded ('valid'), the aligned Xception's symmetric padding, rather
 * than TensorFlow's 'same', which pads only after.
 */
export function depthwise(
  x: Sym,
  o: { rate: number; stride: number; padding: 'same' | 'symmetric' },
  style: Style,
  name: string,
): Sym {
  const useBias = biasBefore(style.normalization);
  if (o.rate > 1) {
    if (o.stride > 1) throw new Error('atrous depthwise convolutions have stride 1');
    return new DilatedDepthwiseConv2D({
      kernelSize: 3,
      dilationRate: o.rate,
      useBias,
      name,
    }).apply(x) as Sym;
  }
  let input = x;
  let padding: 'same' | 'valid' = 'same';
  if (o.stride > 1 && o.padding === 'symmetric') {
    input = tf.layers.zeroPadding2d({ padding: [1, 1], name: `${name}_pad` }).apply(x) as Sym;
    padding = 'valid';
  }
  return tf.layers
    .depthwiseConv2d({ kernelSize: 3, strides: o.stride, padding, useBias, name })
    .apply(input) as Sym;
}

/** Options of {@link sepConv}. */
export interface SepConvOptions {
  rate?: number;
  stride?: number;
  /**
   * Normalization + activation after the depthwise and the pointwise convolutions (the
   * ASPP, the decoder and Xception's last block); otherwise one activation before the
   * depthwise convolution and none inside, as in the rest of Xception.
   */
  depthActivation: boolean;
}

/** Atrous depthwise-separable convolution: depthwise 3x3, normalization, pointwise 1x1. */
export function sepConv(
  x: Sym,
  filters: number,
  o: SepConvOptions,
  style: Style,
  name: string,
): Sym {
  let y = o.depthActivation ? x : activate(x, style.activation, `${name}_pre_act`);
  y = depthwise(
    y,
    { rate: o.rate ?? 1, stride: o.stride ?? 1, padding: 'symmetric' },
    style,
    `${name}_dw`,
  );
  y = normalize(y, style.normalization, `${name}_dw_norm`);
  if (o.depthActivation) y = activate(y, style.activation, `${name}_dw_act`);
  return convUnit(y, filters, 1, style, `${name}_pw`, { act: o.depthActivation });
}

/** Options of {@link xceptionBlock}. */
export interface XceptionBlockOptions {
  /** Channels of its three separable convolutions. */
  widths: readonly [number, number, number];
  /** 'conv': 1x1 convolution + normalization; 'sum': identity; 'none': no residual. */
  shortcut: 'conv' | 'sum' | 'none';
  /** Stride of the third separable convolution (and of the 1x1 shortcut). */
  stride: number;
  rate: number;
  depthActivation: boolean;
}

/** Xception block: three separable convolutions and a residual; also returns the second's output. */
export function xceptionBlock(
  x: Sym,
  o: XceptionBlockOptions,
  style: Style,
  name: string,
): { out: Sym; second: Sym } {
  let y = x;
  let second = x;
  o.widths.forEach((width, i) => {
    y = sepConv(
      y,
      width,
      { rate: o.rate, stride: i === 2 ? o.stride : 1, depthActivation: o.depthActivation },
      style,
      `${name}_sep${i + 1}`,
    );
    if (i === 1) second = y;
  });
  if (o.shortcut === 'none') return { out: y, second };
  let skip = x;
  if (o.shortcut === 'conv') {
    skip = convUnit(x, o.widths[2], 1, style, `${name}_shortcut`, {
      strides: o.stride,
      act: false,
    });
  }
  return { out: tf.layers.add({ name: `${name}_add` }).apply([y, skip]) as Sym, second };
}

/** Options of {@link invertedResidual}. */
export interface InvertedResidualOptions {
  expansion: number;
  filters: number;
  stride: number;
  rate: number;
}

/**
 * MobileNetV2's inverted residual (Sandler et al. 2018, Fig. 3): 1x1 expansion (skipped at
 * expansion 1), depthwise 3x3 (atrous or strided), linear 1x1 projection, and an identity
 * residual when shape allows. The activation is the chosen one rather than ReLU6, whose cap
 * serves low-precision inference.
 */
export function invertedResidual(
  x: Sym,
  o: InvertedResidualOptions,
  style: Style,
  name: string,
): Sym {
  const inChannels = channels(x);
  let y = x;
  if (o.expansion !== 1) y = convUnit(y, o.expansion * inChannels, 1, style, `${name}_expand`);
  y = depthwise(y, { rate: o.rate, stride: o.stride, padding: 'same' }, style, `${name}_dw`);
  y = activate(
    normalize(y, style.normalization, `${name}_dw_norm`),
    style.activation,
    `${name}_dw_act`,
  );
  y = convUnit(y, o.filters, 1, style, `${name}_project`, { act: false });
  if (o.stride !== 1 || inChannels !== o.filters) return y;
  return tf.layers.add({ name: `${name}_add` }).apply([y, x]) as Sym;
}
