/**
 * Builds the 3D U-Net (Çiçek et al. 2016) a UNet3DSpec describes, on patches of
 * [patchDepth, inputSize, inputSize] voxels.
 *
 * Layer names start with `enc_` (contracting path and bottom block) or `dec_` (expanding
 * path and output), which is what freezing the encoder relies on.
 */
import * as tf from '@tensorflow/tfjs';
import { activate, checkIO, normalize, outputActivation, type Sym } from '../blocks';
import { channelsOf, conv3d, maxPool3d, upConv3d, volumeInput } from '../blocks3d';
import type { SpecWith } from '../input-spec';
import { unet3dParts, unet3dWidths } from './definition';
import type { UNet3DSpec } from './spec';

/** Two 3x3x3 convolutions with the spec's normalization, activation and dropout. */
function block(x: Sym, [c1, c2]: [number, number], arch: UNet3DSpec, name: string): Sym {
  const normed = arch.normalization !== 'none';
  let y = x;
  if (arch.normPosition === 'block-input' && normed) {
    y = normalize(y, arch.normalization, `${name}_norm0`);
  }
  const afterConv = arch.normPosition === 'after-conv' && normed;
  [c1, c2].forEach((filters, i) => {
    const n = i + 1;
    // A normalization right after a convolution would cancel its bias.
    y = conv3d(y, {
      filters,
      kernelSize: 3,
      useBias: arch.convBias && !afterConv,
      name: `${name}_conv${n}`,
    });
    if (afterConv) y = normalize(y, arch.normalization, `${name}_norm${n}`);
    y = activate(y, arch.activation, `${name}_act${n}`);
    if (n === 1 && arch.dropout > 0) {
      y = tf.layers.dropout({ rate: arch.dropout, name: `${name}_drop` }).apply(y) as Sym;
    }
  });
  return y;
}

/**
 * Builds the 3D U-Net described by `spec` (whose architecture must be a UNet3DSpec).
 * Output: [patchDepth, inputSize, inputSize, numClasses] probabilities.
 */
export function buildUNet3D(spec: SpecWith<UNet3DSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const depth = spec.patchDepth ?? 0;
  const stride = unet3dParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0 || depth < stride || depth % stride !== 0) {
    throw new Error(`3D U-Net depth ${arch.depth} needs patch edges divisible by ${stride}`);
  }
  const widths = unet3dWidths(arch);
  const input = volumeInput(depth, spec.inputSize, spec.inChannels);
  const skips: Sym[] = [];
  let x: Sym = input;
  for (let l = 0; l < arch.depth - 1; l++) {
    x = block(x, widths[l], arch, `enc_l${l}`);
    skips.push(x);
    x = maxPool3d(x, `enc_l${l}_pool`);
  }
  x = block(x, widths[arch.depth - 1], arch, `enc_l${arch.depth - 1}`);
  for (let l = arch.depth - 2; l >= 0; l--) {
    const skip = skips[l];
    const up = upConv3d(x, {
      filters: arch.upFilters === 'skip' ? channelsOf(skip) : channelsOf(x),
      kernelSize: arch.upKernel,
      useBias: false,
      name: `dec_l${l}_up`,
    });
    const merged = tf.layers.concatenate({ axis: -1, name: `dec_l${l}_concat` }).apply([skip, up]);
    const width = channelsOf(skip);
    x = block(merged as Sym, [width, width], arch, `dec_l${l}`);
  }
  const logits = conv3d(x, {
    filters: spec.numClasses,
    kernelSize: 1,
    useBias: true,
    name: 'dec_out_logits',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: out, name: 'unet3d' });
}

/** The builder the registry loads on demand. */
export const build = buildUNet3D;
