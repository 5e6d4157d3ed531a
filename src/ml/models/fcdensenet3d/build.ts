/**
 * Builds the 3-D FC-DenseNet an FCDenseNet3DSpec describes, on patches of
 * [patchDepth, inputSize, inputSize] voxels, following the 2-D builder (Jégou et al. 2017,
 * Fig. 1 and Table 1) with 3-D operations:
 *
 * - a first 3x3x3 convolution of `firstFilters` maps;
 * - dense layer: normalization, activation, 3x3x3 convolution of k maps, dropout; its
 *   output is concatenated to its input;
 * - downsampling path: dense block, its whole output kept for the skip connection, then
 *   the transition down (1x1x1 convolution unit and/or 2x2x2 max-pooling);
 * - bottleneck dense block;
 * - upsampling path: a 3x3x3 transposed convolution with stride 2 of only the maps the
 *   previous dense block added, concatenated with the skip connection, then a dense block;
 *   the last block's whole output feeds a 1x1x1 convolution and the activation.
 *
 * Layer names start with `enc_` (first convolution, downsampling path, bottleneck) or
 * `dec_` (upsampling path and output), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, checkIO, normalize, outputActivation, type Sym } from '../blocks';
import { channelsOf, conv3d, maxPool3d, upConv3d, volumeInput } from '../blocks3d';
import type { SpecWith } from '../input-spec';
import { fcdensenet3dParts, poolings3d } from './definition';
import type { FCDenseNet3DSpec } from './spec';

function concat(xs: Sym[], name: string): Sym {
  return xs.length === 1 ? xs[0] : (tf.layers.concatenate({ axis: -1, name }).apply(xs) as Sym);
}

/** Normalization, activation, convolution, dropout: DenseNet's pre-activation unit. */
function unit(x: Sym, filters: number, kernelSize: number, a: FCDenseNet3DSpec, name: string): Sym {
  let y = normalize(x, a.normalization, `${name}_norm`);
  y = activate(y, a.activation, `${name}_act`);
  y = conv3d(y, { filters, kernelSize, useBias: a.convBias, name: `${name}_conv` });
  if (a.dropout > 0) {
    y = tf.layers.dropout({ rate: a.dropout, name: `${name}_drop` }).apply(y) as Sym;
  }
  return y;
}

/** A dense block's result: the input with every new map, and the new maps alone. */
function denseBlock(
  x: Sym,
  layers: number,
  a: FCDenseNet3DSpec,
  name: string,
): { stack: Sym; added: Sym[] } {
  let stack = x;
  const added: Sym[] = [];
  for (let l = 1; l <= layers; l++) {
    const y = unit(stack, a.growthRate, 3, a, `${name}_l${l}`);
    added.push(y);
    stack = concat([stack, y], `${name}_l${l}_concat`);
  }
  return { stack, added };
}

/**
 * Builds the 3-D FC-DenseNet for `spec` (architecture must be an FCDenseNet3DSpec).
 * Output: [patchDepth, inputSize, inputSize, numClasses] probabilities.
 */
export function buildFCDenseNet3D(spec: SpecWith<FCDenseNet3DSpec>): tf.LayersModel {
  const a = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const problem = fcdensenet3dParts.problem?.({ ...spec, architecture: a });
  if (problem) throw new Error(problem);
  const depth = spec.patchDepth ?? 0;
  const stride = fcdensenet3dParts.inputMultiple(a);
  if (spec.inputSize % stride !== 0 || depth < stride || depth % stride !== 0) {
    throw new Error(`3-D FC-DenseNet needs patch edges divisible by ${stride}`);
  }
  const pools = poolings3d(a);
  const blocks = a.layersPerBlock;
  const input = volumeInput(depth, spec.inputSize, spec.inChannels);
  let x = conv3d(input, {
    filters: a.firstFilters,
    kernelSize: 3,
    useBias: a.convBias,
    name: 'enc_first_conv',
  });
  const skips: Sym[] = [];
  for (let i = 0; i < pools; i++) {
    x = denseBlock(x, blocks[i], a, `enc_db${i + 1}`).stack;
    skips.push(x);
    if (a.transitionDown === 'conv-pool') x = unit(x, channelsOf(x), 1, a, `enc_td${i + 1}`);
    x = maxPool3d(x, `enc_td${i + 1}_pool`);
  }
  let block = denseBlock(x, blocks[pools], a, 'enc_bottleneck');
  for (let i = 0; i < pools; i++) {
    const name = `dec_tu${i + 1}`;
    const fresh = concat(block.added, `${name}_new`);
    const up = upConv3d(fresh, {
      filters: channelsOf(fresh),
      kernelSize: 3,
      useBias: true,
      name: `${name}_deconv`,
    });
    const merged = concat([up, skips[pools - 1 - i]], `${name}_skip`);
    block = denseBlock(merged, blocks[pools + 1 + i], a, `dec_db${i + 1}`);
  }
  const logits = conv3d(block.stack, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_out_logits',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: out, name: 'fcdensenet3d' });
}

/** The builder the registry loads on demand. */
export const build = buildFCDenseNet3D;
