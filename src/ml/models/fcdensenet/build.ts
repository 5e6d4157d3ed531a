/**
 * Builds FC-DenseNet (Jégou et al. 2017, Fig. 1 and Table 1) as an FCDenseNetSpec
 * describes it, following the authors' released code where the paper leaves a choice:
 *
 * - a first 3x3 convolution (with bias) of `firstFilters` maps;
 * - dense layer: normalization, activation, 3x3 convolution of k maps (with bias: no
 *   normalization follows it directly), dropout; its output is concatenated to its input;
 * - downsampling path: dense block, its whole output (input + new maps) kept for the skip
 *   connection, then transition down: normalization, activation, 1x1 convolution keeping
 *   the channels, dropout, 2x2 max-pool;
 * - bottleneck dense block;
 * - upsampling path: transition up, a 3x3 transposed convolution with stride 2 of only the
 *   maps the previous dense block added (k times its layers of them, which keeps the
 *   upsampling path from growing with depth), concatenated with the skip connection, then a
 *   dense block; the last block's whole output feeds a 1x1 convolution and the activation.
 *
 * Layer names start with `enc_` (first convolution, downsampling path, bottleneck) or
 * `dec_` (upsampling path and output), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, checkIO, conv, normalize, outputActivation, upConv, type Sym } from '../blocks';
import { networkInputChannels, type SpecWith } from '../input-spec';
import { fcdensenetParts, poolingsOf } from './definition';
import type { FCDenseNetSpec } from './spec';

function channels(x: Sym): number {
  const c = x.shape[x.shape.length - 1];
  if (c == null) throw new Error('channel count must be known');
  return c;
}

function concat(xs: Sym[], name: string): Sym {
  return xs.length === 1 ? xs[0] : (tf.layers.concatenate({ axis: -1, name }).apply(xs) as Sym);
}

/** Normalization, activation, convolution, dropout: DenseNet's pre-activation unit. */
function unit(
  x: Sym,
  filters: number,
  kernelSize: number,
  arch: FCDenseNetSpec,
  name: string,
): Sym {
  let y = normalize(x, arch.normalization, `${name}_norm`);
  y = activate(y, arch.activation, `${name}_act`);
  y = conv(y, { filters, kernelSize, useBias: true, name: `${name}_conv` });
  if (arch.dropout > 0)
    y = tf.layers.dropout({ rate: arch.dropout, name: `${name}_drop` }).apply(y) as Sym;
  return y;
}

/** A dense block's result: the input with every new map, and the new maps alone. */
interface DenseOutput {
  stack: Sym;
  added: Sym[];
}

function denseBlock(x: Sym, layers: number, arch: FCDenseNetSpec, name: string): DenseOutput {
  let stack = x;
  const added: Sym[] = [];
  for (let l = 1; l <= layers; l++) {
    const y = unit(stack, arch.growthRate, 3, arch, `${name}_l${l}`);
    added.push(y);
    stack = concat([stack, y], `${name}_l${l}_concat`);
  }
  return { stack, added };
}

/**
 * Builds FC-DenseNet for `spec` (architecture must be an FCDenseNetSpec). Output:
 * [inputSize, inputSize, numClasses] probabilities (sigmoid for 1 class, softmax otherwise).
 */
export function buildFCDenseNet(spec: SpecWith<FCDenseNetSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const problem = fcdensenetParts.problem?.({ ...spec, architecture: arch });
  if (problem) throw new Error(problem);
  const stride = fcdensenetParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(
      `FC-DenseNet with ${poolingsOf(arch)} poolings needs inputSize divisible by ${stride}`,
    );
  }
  const pools = poolingsOf(arch);
  const blocks = arch.layersPerBlock;
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  let x = conv(input, {
    filters: arch.firstFilters,
    kernelSize: 3,
    useBias: true,
    name: 'enc_first_conv',
  });
  const skips: Sym[] = [];
  for (let i = 0; i < pools; i++) {
    x = denseBlock(x, blocks[i], arch, `enc_db${i + 1}`).stack;
    skips.push(x);
    x = unit(x, channels(x), 1, arch, `enc_td${i + 1}`);
    x = tf.layers
      .maxPooling2d({ poolSize: 2, strides: 2, name: `enc_td${i + 1}_pool` })
      .apply(x) as Sym;
  }
  let block = denseBlock(x, blocks[pools], arch, 'enc_bottleneck');
  for (let i = 0; i < pools; i++) {
    const name = `dec_tu${i + 1}`;
    const fresh = concat(block.added, `${name}_new`);
    const up = upConv(fresh, {
      filters: channels(fresh),
      kernelSize: 3,
      useBias: true,
      name: `${name}_deconv`,
    });
    const merged = concat([up, skips[pools - 1 - i]], `${name}_skip`);
    block = denseBlock(merged, blocks[pools + 1 + i], arch, `dec_db${i + 1}`);
  }
  const logits = conv(block.stack, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_out_logits',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: out, name: 'fcdensenet' });
}

/** The builder the registry loads on demand. */
export const build = buildFCDenseNet;
