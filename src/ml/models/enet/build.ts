/**
 * ENet (Paszke et al. 2016): an encoder that downsamples early and hard (512 -> 64 in three
 * steps) with cheap bottlenecks, dilated and asymmetric convolutions for context, and a
 * small decoder that max-unpools with the encoder's indices.
 */
import * as tf from '@tensorflow/tfjs';
import { checkIO, outputActivation, upConv, type Sym } from '../blocks';
import { networkInputChannels, type SpecWith } from '../input-spec';
import type { ENetSpec } from './spec';
import { decoderBottleneck, encoderBottleneck, initialBlock, type EncoderKind } from './blocks';
import { enetParts } from './definition';

/** Bottlenecks 2.1-2.8 (and 3.1-3.8, which repeat them without downsampling). */
const STAGE_2_3: EncoderKind[] = [
  { type: 'regular' },
  { type: 'dilated', rate: 2 },
  { type: 'asymmetric', size: 5 },
  { type: 'dilated', rate: 4 },
  { type: 'regular' },
  { type: 'dilated', rate: 8 },
  { type: 'asymmetric', size: 5 },
  { type: 'dilated', rate: 16 },
];

/** Encoder (initial block, stages 1-3); returns the features and the two pooling indices. */
function encoder(
  x: Sym,
  dropout1: number,
  dropout: number,
): { out: Sym; index1: Sym; index2: Sym } {
  let y = initialBlock(x);
  const b10 = encoderBottleneck(y, 64, { type: 'downsampling' }, dropout1, 'enc_b1_0');
  y = b10.out;
  for (let i = 1; i <= 4; i++)
    y = encoderBottleneck(y, 64, { type: 'regular' }, dropout1, `enc_b1_${i}`).out;
  const b20 = encoderBottleneck(y, 128, { type: 'downsampling' }, dropout, 'enc_b2_0');
  y = b20.out;
  for (const stage of [2, 3]) {
    STAGE_2_3.forEach((kind, i) => {
      y = encoderBottleneck(y, 128, kind, dropout, `enc_b${stage}_${i + 1}`).out;
    });
  }
  if (b10.index == null || b20.index == null) throw new Error('downsampling lost its indices');
  return { out: y, index1: b10.index, index2: b20.index };
}

/**
 * Builds ENet for `spec` (architecture must be an ENetSpec). inputSize must be divisible
 * by 8. Output: [inputSize, inputSize, numClasses] probabilities (sigmoid for 1 class,
 * softmax otherwise).
 */
export function buildENet(spec: SpecWith<ENetSpec>): tf.LayersModel {
  const arch = spec.architecture;
  checkIO(spec.inputSize, spec.inChannels, spec.numClasses);
  const stride = enetParts.inputMultiple(arch);
  if (spec.inputSize % stride !== 0) {
    throw new Error(`ENet needs inputSize divisible by ${stride}`);
  }
  const act = arch.decoderActivation ?? 'relu';
  const input = tf.input({
    shape: [spec.inputSize, spec.inputSize, networkInputChannels(spec)],
    name: 'input',
  });
  const enc = encoder(input, arch.dropoutStage1, arch.dropout);
  let y = decoderBottleneck(enc.out, 64, act, 'dec_b4_0', enc.index2);
  y = decoderBottleneck(y, 64, act, 'dec_b4_1');
  y = decoderBottleneck(y, 64, act, 'dec_b4_2');
  y = decoderBottleneck(y, 16, act, 'dec_b5_0', enc.index1);
  y = decoderBottleneck(y, 16, act, 'dec_b5_1');
  const logits = upConv(y, {
    filters: spec.numClasses,
    kernelSize: 2,
    useBias: true,
    name: 'dec_fullconv',
  });
  const out = outputActivation(logits, spec.numClasses, 'dec_out');
  return tf.model({ inputs: input, outputs: out, name: 'enet' });
}

/** The builder the registry loads on demand. */
export const build = buildENet;
