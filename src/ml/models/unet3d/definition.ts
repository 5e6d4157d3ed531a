/**
 * 3D U-Net (Çiçek et al. 2016) as the studio offers it, on 3-D patches: seed 002's
 * layout (batch norm at each block's input, dropout between the convolutions, 3x3x3
 * transposed convolutions to the skip's width) and Çiçek et al.'s (batch norm after each
 * convolution, widths doubling inside a level, 2x2x2 up-convolutions keeping their
 * channels) as choices of one builder.
 */
import { defineParts, encoderByPrefix, type SpecWith } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import { UNET3D_PRESETS } from './presets';
import type { UNet3DSpec } from './spec';

export type { UNet3DSpec } from './spec';
export { UNET3D_PRESETS, type UNet3DPresetName } from './presets';

/** The two convolutions' filters at each level, the bottom included. */
export function unet3dWidths(
  arch: Pick<UNet3DSpec, 'depth' | 'baseFilters' | 'doubleSecondConv'>,
): [number, number][] {
  return Array.from({ length: arch.depth }, (_, l) => {
    const first = arch.baseFilters * 2 ** l;
    return [first, arch.doubleSecondConv ? 2 * first : first];
  });
}

/** Floats of every layer's output for one patch (see ArchitectureDef.activations). */
function activations(spec: SpecWith<UNet3DSpec>): number {
  const a = spec.architecture;
  const widths = unet3dWidths(a);
  const depth = spec.patchDepth ?? 1;
  const voxels = (l: number) => (depth / 2 ** l) * (spec.inputSize / 2 ** l) ** 2;
  const normed = a.normalization !== 'none';
  const block = (cin: number, c1: number, c2: number, v: number): number => {
    let n = a.normPosition === 'block-input' && normed ? cin : 0;
    const perConv = (c: number) => c * (2 + (a.normPosition === 'after-conv' && normed ? 1 : 0));
    n += perConv(c1) + (a.dropout > 0 ? c1 : 0) + perConv(c2);
    return n * v;
  };
  let total = spec.inChannels * voxels(0);
  let c = spec.inChannels;
  widths.forEach(([c1, c2], l) => {
    total += block(c, c1, c2, voxels(l));
    if (l < a.depth - 1) total += c2 * voxels(l + 1);
    c = c2;
  });
  for (let l = a.depth - 2; l >= 0; l--) {
    const skip = widths[l][1];
    const up = a.upFilters === 'skip' ? skip : c;
    total += (up + skip + up) * voxels(l) + block(skip + up, skip, skip, voxels(l));
    c = skip;
  }
  return total + 2 * spec.numClasses * voxels(0);
}

/** Weights of `spec`'s network, batch norm's moving statistics included (as Keras counts). */
function parameters(spec: SpecWith<UNet3DSpec>): number {
  const a = spec.architecture;
  const normed = a.normalization !== 'none';
  const afterConv = a.normPosition === 'after-conv' && normed;
  const perNorm = a.normalization === 'batch' ? 4 : a.normalization === 'instance' ? 2 : 0;
  const conv = (taps: number, i: number, o: number, bias: boolean) => taps * i * o + (bias ? o : 0);
  const block = (cin: number, c1: number, c2: number): number => {
    let n = a.normPosition === 'block-input' ? perNorm * cin : 0;
    for (const [i, o] of [
      [cin, c1],
      [c1, c2],
    ]) {
      n += conv(27, i, o, a.convBias && !afterConv) + (afterConv ? perNorm * o : 0);
      if (a.activation === 'prelu') n += o;
    }
    return n;
  };
  const widths = unet3dWidths(a);
  let total = 0;
  let c = spec.inChannels;
  for (const [c1, c2] of widths) {
    total += block(c, c1, c2);
    c = c2;
  }
  for (let l = a.depth - 2; l >= 0; l--) {
    const skip = widths[l][1];
    const up = a.upFilters === 'skip' ? skip : c;
    total += conv(a.upKernel ** 3, c, up, false) + block(skip + up, skip, skip);
    c = skip;
  }
  return total + conv(1, c, spec.numClasses, true);
}

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const unet3dParts = defineParts<'unet3d', UNet3DSpec>({
  kind: 'unet3d',
  label: '3D U-Net',
  description:
    'Çiçek et al. 2016 (and seed 002): a U-Net of 3x3x3 convolutions on 3-D patches, predicted by sliding window.',
  geometry: 'volume',
  presets: UNET3D_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 64,
  // Seed 002: Adam 1e-3, weight decay 1e-4 on every convolution. Its binary cross-entropy
  // alone barely learned at CPU budgets (2-fold cross-validation on the 30 PROMISE12 cases,
  // 300 steps: pooled Dice 0.011, against 0.335 with Dice + cross-entropy).
  training: {
    loss: 'dice+ce',
    learningRate: 1e-3,
    weightDecay: 1e-4,
    batchSize: 2,
    patchDepth: 16,
  },
  tiny: { ...UNET3D_PRESETS.studio.architecture, depth: 3, baseFilters: 2 },
  inputMultiple: (a) => 2 ** (a.depth - 1),
  activations,
  parameters,
  fields: [
    {
      kind: 'select',
      key: 'depth',
      label: 'Levels',
      options: [
        { value: 3, label: '3 (2 poolings)' },
        { value: 4, label: '4 (3 poolings)' },
        { value: 5, label: '5 (4 poolings)' },
      ],
    },
    {
      kind: 'number',
      key: 'baseFilters',
      label: 'Base filters',
      min: 1,
      max: 256,
      step: 1,
      integer: true,
    },
    { kind: 'check', key: 'doubleSecondConv', label: 'Second convolution doubles the filters' },
    {
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    {
      kind: 'select',
      key: 'normPosition',
      label: 'Normalize',
      options: [
        { value: 'block-input', label: 'at each block’s input' },
        { value: 'after-conv', label: 'after each convolution' },
      ],
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
    { kind: 'number', key: 'dropout', label: 'Dropout in blocks', min: 0, max: 0.9, step: 0.05 },
    { kind: 'check', key: 'convBias', label: 'Convolution biases' },
    {
      kind: 'select',
      key: 'upKernel',
      label: 'Up-convolution',
      options: [
        { value: 2, label: '2×2×2' },
        { value: 3, label: '3×3×3' },
      ],
    },
    {
      kind: 'select',
      key: 'upFilters',
      label: 'Up-sampled channels',
      options: [
        { value: 'skip', label: 'as the skip connection' },
        { value: 'keep', label: 'kept' },
      ],
    },
  ],
  sideOutputs: () => 0,
  isEncoderLayer: encoderByPrefix,
});
