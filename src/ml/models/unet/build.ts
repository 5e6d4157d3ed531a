/**
 * Builds the U-Net (Ronneberger et al. 2015) a UNetSpec describes.
 *
 * Layer names start with `enc_` (contracting path and bottleneck) or `dec_` (expanding
 * path and outputs), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { SpatialDropout2D } from '../../layers';
import {
  activate,
  biasBefore,
  checkIO,
  conv,
  normalize,
  outputActivation,
  upConv,
  type Sym,
} from '../blocks';
import { networkInputChannels, type SpecWith } from '../input-spec';
import { unetParts, unetFilters } from './definition';
import type { UNetSpec } from './spec';

/** Two convolutions (+ normalization) + activation: one U-Net level. */
function doubleConv(x: Sym, filters: number, arch: UNetSpec, name: string): Sym {
  let y = x;
  for (const i of [1, 2]) {
    // With a normalization right after, a bias would be cancelled by its mean subtraction.
    y = conv(y, {
      filters,
      kernelSize: arch.kernelSize,
      useBias: biasBefore(arch.normalization),
      name: `${name}_conv${i}`,
    });
    y = normalize(
      y,
      arch.normalization,
      `${name}_${arch.normalization === 'batch' ? 'bn' : 'norm'}${i}`,
    );
    y = activate(y, arch.activation, `${name}_act${i}`);
  }
  return y;
}

function dropout(x: Sym, arch: UNetSpec, name: string): Sym {
  if (arch.dropout <= 0) return x;
  const layer =
    arch.dropoutKind === 'spatial'
      ? new SpatialDropout2D({ rate: arch.dropout, name })
      : tf.layers.dropout({ rate: arch.dropout, name });
  return layer.apply(x) as Sym;
}

function upsample(x: Sym, filters: number, arch: UNetSpec, name: string): Sym {
  if ((arch.upMode ?? 'transposed') === 'upsample') {
    return tf.layers.upSampling2d({ size: [2, 2], name }).apply(x) as Sym;
  }
  return upConv(x, { filters, kernelSize: 2, useBias: true, name });
}

/** Side output of decoder level `level`: 1x1 logits, bilinear upsampling, activation. */
function sideOutput(x: Sym, level: number, numClasses: number): Sym {
  const logits = conv(x, {
    filters: numClasses,
    kernelSize: 1,
    useBias: true,
    name: `dec_side${level}_logits`,
  });
  const factor = 2 ** level;
  const up = tf.layers
    .upSampling2d({
      size: [factor, factor],
      interpolation: 'bilinear',
      name: `dec_side${level}_up`,
    })
    .apply(logits) as Sym;
  return outputActivation(up, numClasses, `dec_side${level}`);
}

/**
 * Builds the U-Net described by `spec` (whose architecture must be a UNetSpec). Outputs one
 * map of [inputSize, inputSize, numClasses] probabilities, or with deep supervision
 * `[final, side_{depth-2}, ..., side_1]` (coarsest side first), all at full resolution.
 */
export function buildUNet(spec: SpecWith<UNetSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const stride = unetParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(`U-Net depth ${arch.depth} needs inputSize divisible by ${stride}`);
  }
  const filters = unetFilters(arch);
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  const skips: Sym[] = [];
  let x: Sym = input;
  for (let l = 0; l < arch.depth - 1; l++) {
    x = doubleConv(x, filters[l], arch, `enc_l${l}`);
    skips.push(x);
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `enc_l${l}_pool` }).apply(x) as Sym;
  }
  const bottom = arch.depth - 1;
  x = dropout(doubleConv(x, filters[bottom], arch, `enc_l${bottom}`), arch, `enc_l${bottom}_drop`);
  const sides: Sym[] = [];
  for (let l = arch.depth - 2; l >= 0; l--) {
    const up = upsample(x, filters[l], arch, `dec_l${l}_up`);
    const merged = tf.layers
      .concatenate({ axis: -1, name: `dec_l${l}_concat` })
      .apply([skips[l], up]);
    x = doubleConv(merged as Sym, filters[l], arch, `dec_l${l}`);
    if (arch.deepSupervision && l > 0) sides.push(sideOutput(x, l, spec.numClasses));
  }
  const logits = conv(x, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_out_logits',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({
    inputs: input,
    outputs: sides.length > 0 ? [out, ...sides] : out,
    name: 'unet',
  });
}

/** The builder the registry loads on demand. */
export const build = buildUNet;
