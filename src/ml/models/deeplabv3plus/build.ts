/**
 * Builds DeepLabv3+ (Chen et al. 2018, Fig. 2) as a DeepLabV3PlusSpec describes it:
 *
 * - encoder: the backbone (backbones.ts), then atrous spatial pyramid pooling: a 1x1
 *   branch, three atrous separable 3x3 branches (rates from asppRates) and image pooling
 *   (global average, 1x1 convolution, broadcast back), concatenated, projected by a 1x1
 *   convolution, dropout;
 * - decoder: the ASPP output upsampled bilinearly to 1/4 of the input, concatenated with
 *   the backbone's 1/4-resolution features projected to a few channels by a 1x1
 *   convolution, two 3x3 separable convolutions, 1x1 class scores, bilinear upsampling to
 *   the input size.
 *
 * Bilinear upsampling (UpSampling2D, i.e. resizeBilinear) has a correct gradient on the
 * cpu and wasm backends for the square maps used here (build.test.ts checks it); nearest-
 * neighbour resizing does not on cpu, so it is not used, not even to broadcast the 1x1
 * image-pooling map (bilinear from 1x1 is the same broadcast).
 *
 * Layer names start with `enc_` (backbone, ASPP) or `dec_` (decoder, output), which is what
 * freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { checkIO, conv, outputActivation, type Sym } from '../blocks';
import { networkInputChannels, type SpecWith } from '../input-spec';
import { mobileNetV2, xception } from './backbones';
import { channels, convUnit, sepConv, type Style } from './blocks';
import { asppRates, deeplabv3plusParts } from './definition';
import type { DeepLabV3PlusSpec } from './spec';

function upsample(x: Sym, factor: number, name: string): Sym {
  return tf.layers
    .upSampling2d({ size: [factor, factor], interpolation: 'bilinear', name })
    .apply(x) as Sym;
}

/**
 * Image pooling: the map's average, a 1x1 convolution, normalization and activation,
 * spread back over the map. Instance norm of a 1x1 map would erase it (each channel is its
 * own mean), so with instance norm this branch goes unnormalized, with a bias instead.
 */
function imagePooling(x: Sym, arch: DeepLabV3PlusSpec): Sym {
  const edge = x.shape[1];
  if (edge == null) throw new Error('DeepLabv3+ needs a known map size');
  const pooled = tf.layers.globalAveragePooling2d({ name: 'enc_aspp_pool' }).apply(x) as Sym;
  const map = tf.layers
    .reshape({ targetShape: [1, 1, channels(x)], name: 'enc_aspp_pool_map' })
    .apply(pooled) as Sym;
  const style: Style = {
    ...arch,
    normalization: arch.normalization === 'instance' ? 'none' : arch.normalization,
  };
  const y = convUnit(map, arch.asppFilters, 1, style, 'enc_aspp_pool_conv');
  return upsample(y, edge, 'enc_aspp_pool_up');
}

function aspp(x: Sym, arch: DeepLabV3PlusSpec): Sym {
  const branches = [
    imagePooling(x, arch),
    convUnit(x, arch.asppFilters, 1, arch, 'enc_aspp_b0'),
    ...asppRates(arch).map((rate, i) =>
      sepConv(x, arch.asppFilters, { rate, depthActivation: true }, arch, `enc_aspp_b${i + 1}`),
    ),
  ];
  const merged = tf.layers.concatenate({ axis: -1, name: 'enc_aspp_concat' }).apply(branches);
  let y = convUnit(merged as Sym, arch.asppFilters, 1, arch, 'enc_aspp_proj');
  if (arch.dropout > 0) {
    y = tf.layers.dropout({ rate: arch.dropout, name: 'enc_aspp_drop' }).apply(y) as Sym;
  }
  return y;
}

/**
 * Builds DeepLabv3+ for `spec` (architecture must be a DeepLabV3PlusSpec); inputSize must be
 * a multiple of the output stride. Output: [inputSize, inputSize, numClasses]
 * probabilities (sigmoid for 1 class, softmax otherwise).
 */
export function buildDeepLabV3Plus(spec: SpecWith<DeepLabV3PlusSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const problem = deeplabv3plusParts.problem?.({ ...spec, architecture: arch });
  if (problem) throw new Error(problem);
  const stride = deeplabv3plusParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(`DeepLabv3+ at output stride ${stride} needs inputSize divisible by ${stride}`);
  }
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  const backbone = arch.backbone === 'xception' ? xception(input, arch) : mobileNetV2(input, arch);
  const encoded = upsample(aspp(backbone.features, arch), arch.outputStride / 4, 'dec_up4');
  const low = convUnit(backbone.lowLevel, arch.lowLevelFilters, 1, arch, 'dec_low_proj');
  let y = tf.layers.concatenate({ axis: -1, name: 'dec_concat' }).apply([encoded, low]) as Sym;
  y = sepConv(y, arch.asppFilters, { depthActivation: true }, arch, 'dec_sep1');
  y = sepConv(y, arch.asppFilters, { depthActivation: true }, arch, 'dec_sep2');
  const logits = conv(y, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_logits',
  });
  const out = outputActivation(upsample(logits, 4, 'dec_up_out'), spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: out, name: 'deeplabv3plus' });
}

/** The builder the registry loads on demand. */
export const build = buildDeepLabV3Plus;
