/**
 * DeepLabv3+'s two encoder backbones, each returning its deepest features (at 1/8 or 1/16
 * of the input) and the 1/4-resolution features the decoder fuses:
 *
 * - aligned Xception-65 (Chen et al. 2018, Fig. 4; seed 002): entry flow of two 3x3
 *   convolutions and three Xception blocks of stride 2, middle flow of 16 residual blocks,
 *   exit flow of two blocks, every pooling replaced by a strided separable convolution;
 * - MobileNetV2 (Sandler et al. 2018, Table 2) without its final 1x1 convolution.
 *
 * Past the output stride, strides become 1 and later layers atrous, so the receptive field
 * grows as if the strides were kept (Chen et al. 2017, Sec. 3.1).
 */
import type { Sym } from '../blocks';
import { scaledWidth } from './definition';
import { convUnit, invertedResidual, xceptionBlock, type Style } from './blocks';
import type { DeepLabV3PlusSpec } from './spec';

/** Features a backbone hands to the ASPP and to the decoder. */
export interface BackboneOutput {
  features: Sym;
  lowLevel: Sym;
}

/**
 * Aligned Xception with the strides and rates of the Keras implementation seed 002 names:
 * output stride 16 keeps the third entry block's stride, with rates 1 in the middle flow
 * and 1, 2 in the exit flow; output stride 8 drops it, with rates 2 and 2, 4.
 */
export function xception(x: Sym, arch: DeepLabV3PlusSpec): BackboneOutput {
  const w = (c: number): number => scaledWidth(c, arch.widthMultiplier);
  const triple = (c: number): [number, number, number] => [w(c), w(c), w(c)];
  const os8 = arch.outputStride === 8;
  const style: Style = arch;
  let y = convUnit(x, w(32), 3, style, 'enc_entry_conv1', { strides: 2 });
  y = convUnit(y, w(64), 3, style, 'enc_entry_conv2');
  const entry = { shortcut: 'conv', rate: 1, depthActivation: false } as const;
  y = xceptionBlock(y, { ...entry, widths: triple(128), stride: 2 }, style, 'enc_entry_b1').out;
  // The decoder's low-level features: the second block's maps before its strided convolution.
  const b2 = xceptionBlock(y, { ...entry, widths: triple(256), stride: 2 }, style, 'enc_entry_b2');
  y = xceptionBlock(
    b2.out,
    { ...entry, widths: triple(728), stride: os8 ? 1 : 2 },
    style,
    'enc_entry_b3',
  ).out;
  for (let i = 1; i <= arch.middleBlocks; i++) {
    y = xceptionBlock(
      y,
      {
        widths: triple(728),
        shortcut: 'sum',
        stride: 1,
        rate: os8 ? 2 : 1,
        depthActivation: false,
      },
      style,
      `enc_middle${i}`,
    ).out;
  }
  y = xceptionBlock(
    y,
    {
      widths: [w(728), w(1024), w(1024)],
      shortcut: 'conv',
      stride: 1,
      rate: os8 ? 2 : 1,
      depthActivation: false,
    },
    style,
    'enc_exit_b1',
  ).out;
  y = xceptionBlock(
    y,
    {
      widths: [w(1536), w(1536), w(2048)],
      shortcut: 'none',
      stride: 1,
      rate: os8 ? 4 : 2,
      depthActivation: true,
    },
    style,
    'enc_exit_b2',
  ).out;
  return { features: y, lowLevel: b2.second };
}

/** MobileNetV2's stages: expansion t, output channels c, stride s (Table 2; n is a setting). */
const MOBILENETV2_STAGES: ReadonlyArray<readonly [number, number, number]> = [
  [1, 16, 1],
  [6, 24, 2],
  [6, 32, 2],
  [6, 64, 2],
  [6, 96, 1],
  [6, 160, 2],
  [6, 320, 1],
];

/**
 * MobileNetV2 with TensorFlow's output-stride rule: a block whose stride would pass the
 * output stride keeps stride 1 and the current rate, and the rate of later blocks grows by
 * the dropped stride. The low-level features are those of the last 1/4-resolution block.
 */
export function mobileNetV2(x: Sym, arch: DeepLabV3PlusSpec): BackboneOutput {
  const style: Style = arch;
  let y = convUnit(x, scaledWidth(32, arch.widthMultiplier), 3, style, 'enc_conv1', {
    strides: 2,
  });
  let stride = 2;
  let rate = 1;
  let lowLevel: Sym | null = null;
  for (const [stage, [expansion, c, s]] of MOBILENETV2_STAGES.entries()) {
    for (let i = 0; i < arch.mobileNetBlocks[stage]; i++) {
      let blockStride = i === 0 ? s : 1;
      const blockRate = rate;
      if (blockStride > 1 && stride === arch.outputStride) {
        rate *= blockStride;
        blockStride = 1;
      } else {
        stride *= blockStride;
      }
      y = invertedResidual(
        y,
        {
          expansion,
          filters: scaledWidth(c, arch.widthMultiplier),
          stride: blockStride,
          rate: blockRate,
        },
        style,
        `enc_ir${stage + 1}_${i + 1}`,
      );
    }
    if (stride === 4) lowLevel = y;
  }
  if (lowLevel == null) throw new Error('MobileNetV2 produced no 1/4-resolution features');
  return { features: y, lowLevel };
}
