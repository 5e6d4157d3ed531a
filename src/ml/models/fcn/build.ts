/**
 * Builds FCN-8s (Long et al. 2015, Fig. 3) as an FCNSpec describes it.
 *
 * Encoder: VGG16's five blocks (2, 2, 3, 3, 3 3x3 convolutions, each block closed by a 2x2
 * max-pool), then fc6 and fc7 as convolutions with ReLU and dropout. Decoder: 1x1 class
 * scores on fc7 (1/32), pool4 (1/16) and pool3 (1/8); the 1/32 scores are upsampled 2x by
 * a 4x4 transposed convolution and added to the pool4 scores, that sum is upsampled 2x
 * again and added to the pool3 scores, and a 16x16 transposed convolution with stride 8
 * brings the result to the input size.
 *
 * The original pads the input by 100 pixels and crops every upsampled map back into
 * alignment; with 'same' padding throughout, any input multiple of 32 gives maps of exactly
 * 1/8, 1/16 and 1/32 of it, and a 'same' transposed convolution of kernel 2f and stride f
 * pads f/2 on each side, the offset of FCN's crops, so the maps align without cropping.
 * As in FCN's released models, the upsampling layers have no bias and start as bilinear
 * interpolation, and the score layers start at zero.
 *
 * Layer names start with `enc_` (VGG blocks, fc6, fc7) or `dec_` (scores, upsampling,
 * output), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, biasBefore, checkIO, normalize, outputActivation, type Sym } from '../blocks';
import { networkInputChannels, type SpecWith } from '../input-spec';
import { VGG16_BLOCKS, fcnParts, fcnFilters } from './definition';
import type { FCNSpec } from './spec';

/**
 * Convolution + normalization + activation, as every encoder layer. He-uniform kernels:
 * the variance of He-normal ones, but tfjs draws uniform values several times faster than
 * truncated normals (seconds rather than tens of seconds for VGG16's 134 M weights).
 */
function convUnit(x: Sym, filters: number, kernelSize: number, arch: FCNSpec, name: string): Sym {
  const y = tf.layers
    .conv2d({
      filters,
      kernelSize,
      padding: 'same',
      useBias: biasBefore(arch.normalization),
      kernelInitializer: 'heUniform',
      name,
    })
    .apply(x) as Sym;
  return activate(normalize(y, arch.normalization, `${name}_norm`), arch.activation, `${name}_act`);
}

/** 1x1 class scores, zero-initialized as in FCN. */
function score(x: Sym, numClasses: number, name: string): Sym {
  return tf.layers
    .conv2d({ filters: numClasses, kernelSize: 1, kernelInitializer: 'zeros', name })
    .apply(x) as Sym;
}

/** Bias-free transposed convolution upsampling class scores by `factor`. */
function upscore(x: Sym, numClasses: number, factor: number, name: string): Sym {
  return tf.layers
    .conv2dTranspose({
      filters: numClasses,
      kernelSize: 2 * factor,
      strides: factor,
      padding: 'same',
      useBias: false,
      // Overwritten with bilinear weights once the model exists; zeros keep seeded
      // initialization (models/seeded-init.ts) from redrawing them.
      kernelInitializer: 'zeros',
      name,
    })
    .apply(x) as Sym;
}

/**
 * Weights of a transposed convolution that upsamples each of `channels` maps bilinearly by
 * `kernel / 2` (Long et al.'s initialization; tfjs' [h, w, out, in] layout).
 */
export function bilinearKernel(kernel: number, channels: number): tf.Tensor4D {
  const factor = Math.ceil(kernel / 2);
  const centre = kernel % 2 === 1 ? factor - 1 : factor - 0.5;
  const weights = new Float32Array(kernel * kernel * channels * channels);
  for (let i = 0; i < kernel; i++) {
    for (let j = 0; j < kernel; j++) {
      const w = (1 - Math.abs(i - centre) / factor) * (1 - Math.abs(j - centre) / factor);
      for (let c = 0; c < channels; c++)
        weights[((i * kernel + j) * channels + c) * channels + c] = w;
    }
  }
  return tf.tensor4d(weights, [kernel, kernel, channels, channels]);
}

/** The layers initialized to bilinear upsampling, with their factors. */
export const UPSCORE_LAYERS: ReadonlyArray<readonly [string, number]> = [
  ['dec_upscore2', 2],
  ['dec_upscore_pool4', 2],
  ['dec_upscore8', 8],
];

/**
 * Builds FCN-8s for `spec` (architecture must be an FCNSpec). Output: [inputSize,
 * inputSize, numClasses] probabilities (sigmoid for 1 class, softmax otherwise).
 */
export function buildFCN(spec: SpecWith<FCNSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const stride = fcnParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(`FCN-8s needs inputSize divisible by ${stride}`);
  }
  const k = spec.numClasses;
  const filters = fcnFilters(arch);
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  const pools: Sym[] = [];
  let x: Sym = input;
  VGG16_BLOCKS.forEach((convs, b) => {
    for (let i = 1; i <= convs; i++) x = convUnit(x, filters[b], 3, arch, `enc_b${b + 1}_conv${i}`);
    x = tf.layers
      .maxPooling2d({ poolSize: 2, strides: 2, name: `enc_b${b + 1}_pool` })
      .apply(x) as Sym;
    pools.push(x);
  });
  for (const [name, kernel] of [
    ['enc_fc6', arch.fc6Kernel],
    ['enc_fc7', 1],
  ] as const) {
    x = convUnit(x, arch.fcFilters, kernel, arch, name);
    if (arch.dropout > 0) {
      x = tf.layers.dropout({ rate: arch.dropout, name: `${name}_drop` }).apply(x) as Sym;
    }
  }
  const add = (a: Sym, b: Sym, name: string): Sym => tf.layers.add({ name }).apply([a, b]) as Sym;
  let scores = upscore(score(x, k, 'dec_score_fr'), k, 2, 'dec_upscore2');
  scores = add(scores, score(pools[3], k, 'dec_score_pool4'), 'dec_fuse_pool4');
  scores = upscore(scores, k, 2, 'dec_upscore_pool4');
  scores = add(scores, score(pools[2], k, 'dec_score_pool3'), 'dec_fuse_pool3');
  scores = upscore(scores, k, 8, 'dec_upscore8');
  const out = outputActivation(scores, k, 'dec_out');
  const model = tf.model({ inputs: input, outputs: out, name: 'fcn' });
  for (const [name, factor] of UPSCORE_LAYERS) {
    const kernel = bilinearKernel(2 * factor, k);
    model.getLayer(name).setWeights([kernel]);
    kernel.dispose();
  }
  return model;
}

/** The builder the registry loads on demand. */
export const build = buildFCN;
