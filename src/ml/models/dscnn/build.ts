/**
 * Builds the deeply-supervised CNN (Zhu et al. 2017, Fig. 3) a DSCNNSpec describes.
 *
 * Compression stage s (1-5): two 3x3 convolutions and a 1x1 convolution, each followed by
 * the chosen normalization and activation, then a 2x2 max-pool with stride 2 for stages
 * 1-4. The paper attaches a pool to every stage, yet has four expansion stages that must
 * bring the maps back to the input size: with five pools the output would stay at half
 * resolution, so the fifth stage is the bottom of the U (as in U-Net, Fig. 2, on which
 * Fig. 3 builds) and does not pool; four poolings, four upsamplings.
 *
 * Expansion stage e (1-4): a 2x2 up-convolution halving the channels (U-Net's), the
 * concatenated features of the matching compression stage, then the same three
 * convolutions.
 *
 * Supervised side outputs, one per stage but the last (whose maps feed the final 1x1
 * output): each takes its stage's output (after the pool, in the compression path), an
 * upsampling layer (bilinear) brings it to the input size, and a 3x3 deconvolution
 * (transposed convolution, stride 1; all the paper's kernels are 3x3 but the 1x1s) turns it
 * into class scores.
 *
 * Layer names start with `enc_` (compression path) or `dec_` (expansion path, side outputs,
 * final output), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
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
import { DSCNN_STAGES, dscnnParts, dscnnFilters } from './definition';
import type { DSCNNSpec } from './spec';

/** Two 3x3 convolutions and one 1x1, each with normalization and activation: one stage. */
function stage(x: Sym, filters: number, arch: DSCNNSpec, name: string): Sym {
  let y = x;
  const kernels: Array<[string, number]> = [
    ['conv1', 3],
    ['conv2', 3],
    ['conv1x1', 1],
  ];
  for (const [label, kernelSize] of kernels) {
    // With a normalization right after, a bias would be cancelled by its mean subtraction.
    y = conv(y, {
      filters,
      kernelSize,
      useBias: biasBefore(arch.normalization),
      name: `${name}_${label}`,
    });
    y = normalize(y, arch.normalization, `${name}_${label}_norm`);
    y = activate(y, arch.activation, `${name}_${label}_act`);
  }
  return y;
}

/** Side output `index`: upsampling by `factor` to the input size, 3x3 deconvolution, activation. */
function sideOutput(x: Sym, factor: number, index: number, numClasses: number): Sym {
  const up = tf.layers
    .upSampling2d({
      size: [factor, factor],
      interpolation: 'bilinear',
      name: `dec_side${index}_up`,
    })
    .apply(x) as Sym;
  const scores = tf.layers
    .conv2dTranspose({
      filters: numClasses,
      kernelSize: 3,
      strides: 1,
      padding: 'same',
      useBias: true,
      kernelInitializer: 'heNormal',
      name: `dec_side${index}_deconv`,
    })
    .apply(up) as Sym;
  return outputActivation(scores, numClasses, `dec_side${index}`);
}

/**
 * Builds the network described by `spec` (whose architecture must be a DSCNNSpec).
 * Outputs `[final, side1, ..., side8]`, all [inputSize, inputSize, numClasses]
 * probabilities: sides 1-5 from compression stages 1-5, sides 6-8 from expansion stages
 * 1-3 (see DSCNN_SIDE_OUTPUTS).
 */
export function buildDSCNN(spec: SpecWith<DSCNNSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const stride = dscnnParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(`DS-CNN needs inputSize divisible by ${stride}`);
  }
  const filters = dscnnFilters(arch);
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  const skips: Sym[] = [];
  const sides: Sym[] = [];
  let x: Sym = input;
  for (let s = 0; s < DSCNN_STAGES; s++) {
    x = stage(x, filters[s], arch, `enc_s${s + 1}`);
    const bottom = s === DSCNN_STAGES - 1;
    if (!bottom) {
      skips.push(x);
      x = tf.layers
        .maxPooling2d({ poolSize: 2, strides: 2, name: `enc_s${s + 1}_pool` })
        .apply(x) as Sym;
    }
    sides.push(sideOutput(x, 2 ** Math.min(s + 1, DSCNN_STAGES - 1), s + 1, spec.numClasses));
  }
  for (let e = 1; e < DSCNN_STAGES; e++) {
    const level = DSCNN_STAGES - 1 - e;
    const up = upConv(x, {
      filters: filters[level],
      kernelSize: 2,
      useBias: true,
      name: `dec_e${e}_up`,
    });
    const merged = tf.layers
      .concatenate({ axis: -1, name: `dec_e${e}_concat` })
      .apply([skips[level], up]) as Sym;
    x = stage(merged, filters[level], arch, `dec_e${e}`);
    if (level > 0) sides.push(sideOutput(x, 2 ** level, DSCNN_STAGES + e, spec.numClasses));
  }
  const logits = conv(x, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_out_logits',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: [out, ...sides], name: 'dscnn' });
}

/** The builder the registry loads on demand. */
export const build = buildDSCNN;
