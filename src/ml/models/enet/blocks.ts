/**
 * ENet's building blocks (Paszke et al. 2016, Fig. 2 and the authors' Torch code): the
 * initial block and the encoder/decoder bottlenecks.
 *
 * Bias choice follows the authors' Torch code: the 3x3 convolutions (initial, regular,
 * dilated, the second asymmetric one, and the decoder's 3x3 and transposed 3x3) and the
 * final full convolution have biases; 1x1/2x2 projections, expansions, shortcut 1x1s and
 * the first asymmetric convolution have none. Those biases are redundant before batch norm,
 * but keeping them reproduces the reference size exactly: with 1 input channel and 2
 * classes this network has 362,992 trainable + 8,352 non-trainable parameters, the figures
 * seed 000 reports.
 */
import * as tf from '@tensorflow/tfjs';
import {
  ChannelPad,
  DilatedConv2D,
  MaxPoolWithIndices,
  MaxUnpool,
  SpatialDropout2D,
} from '../../layers';
import type { Activation } from '../architecture';
import { activate, batchNorm, conv, upConv, type Sym } from '../blocks';

/** ENet's projection ratio: the bottleneck's inner width is a quarter of its output. */
export const PROJECTION_RATIO = 4;

function channels(x: Sym): number {
  const c = x.shape[x.shape.length - 1];
  if (c == null) throw new Error('channel count must be known');
  return c;
}

/**
 * Initial block: a stride-2 3x3 convolution concatenated with a 2x2 max-pool of the input,
 * then batch norm + PReLU. The convolution has 16 - inChannels filters so the block always
 * yields the paper's 16 maps (13 filters for 3-channel input, 15 for a single MRI sequence).
 */
export function initialBlock(x: Sym): Sym {
  const inChannels = channels(x);
  if (inChannels >= 16) throw new Error('ENet initial block supports at most 15 input channels');
  const c = conv(x, {
    filters: 16 - inChannels,
    kernelSize: 3,
    strides: 2,
    useBias: true,
    name: 'enc_init_conv',
  });
  const p = tf.layers
    .maxPooling2d({ poolSize: 2, strides: 2, name: 'enc_init_pool' })
    .apply(x) as Sym;
  const merged = tf.layers.concatenate({ axis: -1, name: 'enc_init_concat' }).apply([c, p]) as Sym;
  return activate(batchNorm(merged, 'enc_init_bn'), 'prelu', 'enc_init_prelu');
}

/** Main convolution of an encoder bottleneck. */
export type EncoderKind =
  | { type: 'regular' }
  | { type: 'downsampling' }
  | { type: 'dilated'; rate: number }
  | { type: 'asymmetric'; size: number };

function mainConv(x: Sym, kind: EncoderKind, width: number, name: string): Sym {
  switch (kind.type) {
    case 'regular':
    case 'downsampling':
      return conv(x, { filters: width, kernelSize: 3, useBias: true, name: `${name}_conv` });
    case 'dilated':
      return new DilatedConv2D({
        filters: width,
        kernelSize: 3,
        dilationRate: kind.rate,
        useBias: true,
        name: `${name}_dilated`,
      }).apply(x) as Sym;
    case 'asymmetric': {
      const a = conv(x, {
        filters: width,
        kernelSize: [kind.size, 1],
        useBias: false,
        name: `${name}_asym_a`,
      });
      return conv(a, {
        filters: width,
        kernelSize: [1, kind.size],
        useBias: true,
        name: `${name}_asym_b`,
      });
    }
  }
}

/** Result of an encoder bottleneck; downsampling ones also return the pooling indices. */
export interface EncoderOutput {
  out: Sym;
  index?: Sym;
}

/**
 * Encoder bottleneck: projection (1x1, or 2x2 stride 2 when downsampling) -> main conv ->
 * 1x1 expansion, with BN + PReLU between, spatial dropout, plus a shortcut (identity, or
 * max-pool with indices + zero channel padding), then PReLU.
 */
export function encoderBottleneck(
  x: Sym,
  outChannels: number,
  kind: EncoderKind,
  dropout: number,
  name: string,
): EncoderOutput {
  const down = kind.type === 'downsampling';
  const width = outChannels / PROJECTION_RATIO;
  let y = conv(x, {
    filters: width,
    kernelSize: down ? 2 : 1,
    strides: down ? 2 : 1,
    padding: 'valid',
    useBias: false,
    name: `${name}_proj`,
  });
  y = activate(batchNorm(y, `${name}_proj_bn`), 'prelu', `${name}_proj_prelu`);
  y = mainConv(y, kind, width, name);
  y = activate(batchNorm(y, `${name}_main_bn`), 'prelu', `${name}_main_prelu`);
  y = conv(y, { filters: outChannels, kernelSize: 1, useBias: false, name: `${name}_expand` });
  y = batchNorm(y, `${name}_expand_bn`);
  if (dropout > 0)
    y = new SpatialDropout2D({ rate: dropout, name: `${name}_dropout` }).apply(y) as Sym;
  let shortcut = x;
  let index: Sym | undefined;
  if (down) {
    const [pooled, idx] = new MaxPoolWithIndices({ name: `${name}_pool` }).apply(x) as Sym[];
    shortcut = new ChannelPad({ extra: outChannels - channels(x), name: `${name}_pad` }).apply(
      pooled,
    ) as Sym;
    index = idx;
  }
  const sum = tf.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as Sym;
  return { out: activate(sum, 'prelu', `${name}_out`), index };
}

/**
 * Decoder bottleneck: 1x1 projection -> 3x3 conv (stride-2 transposed conv when upsampling)
 * -> 1x1 expansion with BN + activation between; the shortcut is the identity, or when
 * upsampling a 1x1 conv + BN max-unpooled with the encoder's indices.
 */
export function decoderBottleneck(
  x: Sym,
  outChannels: number,
  act: Activation,
  name: string,
  unpoolIndex?: Sym,
): Sym {
  const width = outChannels / PROJECTION_RATIO;
  let y = conv(x, { filters: width, kernelSize: 1, useBias: false, name: `${name}_proj` });
  y = activate(batchNorm(y, `${name}_proj_bn`), act, `${name}_proj_act`);
  y =
    unpoolIndex == null
      ? conv(y, { filters: width, kernelSize: 3, useBias: true, name: `${name}_conv` })
      : upConv(y, { filters: width, kernelSize: 3, useBias: true, name: `${name}_upconv` });
  y = activate(batchNorm(y, `${name}_main_bn`), act, `${name}_main_act`);
  y = conv(y, { filters: outChannels, kernelSize: 1, useBias: false, name: `${name}_expand` });
  y = batchNorm(y, `${name}_expand_bn`);
  let shortcut = x;
  if (unpoolIndex != null || channels(x) !== outChannels) {
    shortcut = conv(x, {
      filters: outChannels,
      kernelSize: 1,
      useBias: false,
      name: `${name}_skip`,
    });
    shortcut = batchNorm(shortcut, `${name}_skip_bn`);
    if (unpoolIndex != null) {
      shortcut = new MaxUnpool({ name: `${name}_unpool` }).apply([shortcut, unpoolIndex]) as Sym;
    }
  }
  const sum = tf.layers.add({ name: `${name}_add` }).apply([y, shortcut]) as Sym;
  return activate(sum, act, `${name}_out`);
}
