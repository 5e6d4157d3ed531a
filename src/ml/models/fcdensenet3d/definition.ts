/**
 * 3-D FC-DenseNet ("Tiramisu", Jégou et al. 2017) on 3-D patches: seed 002's best
 * prostate network (p3a and p3b, validation Dice 0.898 on PROMISE12). Dense blocks of
 * pre-activation 3x3x3 convolutions each adding k maps, transitions down by max-pooling,
 * transitions up by 3x3x3 transposed convolution of the new maps only, long skip
 * connections by concatenation, a 1x1x1 convolution and sigmoid.
 */
import { defineParts, encoderByPrefix, type SpecWith } from '../architecture';
import { ACTIVATION_OPTIONS, NORMALIZATION_OPTIONS } from '../field-options';
import { FCDENSENET3D_PRESETS } from './presets';
import type { FCDenseNet3DSpec } from './spec';

export type { FCDenseNet3DSpec } from './spec';
export { FCDENSENET3D_PRESETS } from './presets';

/** Poolings of a configuration: the blocks on either side of the bottleneck. */
export function poolings3d(arch: Pick<FCDenseNet3DSpec, 'layersPerBlock'>): number {
  return Math.floor((arch.layersPerBlock.length - 1) / 2);
}

/** Floats of every layer's output for one patch (see ArchitectureDef.activations). */
function activations(spec: SpecWith<FCDenseNet3DSpec>): number {
  const a = spec.architecture;
  const pools = poolings3d(a);
  const g = a.growthRate;
  const voxels = (l: number) => ((spec.patchDepth ?? 1) / 2 ** l) * (spec.inputSize / 2 ** l) ** 2;
  const norm = a.normalization !== 'none' ? 1 : 0;
  const drop = a.dropout > 0 ? 1 : 0;
  /** A pre-activation unit of `out` maps on `c` input maps: norm, act, conv, dropout. */
  const unit = (c: number, out: number) => (norm + 1) * c + (1 + drop) * out;
  let total = (spec.inChannels + a.firstFilters) * voxels(0);
  let c = a.firstFilters;
  const skips: number[] = [];
  // A block's last concatenation exists only where its whole stack is used: the skip
  // connections and the final block (the bottleneck and other up blocks pass new maps on).
  const dense = (layers: number, l: number, stackUsed: boolean): number => {
    for (let i = 0; i < layers; i++) {
      const concatenated = i < layers - 1 || stackUsed ? c + g : 0;
      total += (unit(c, g) + concatenated) * voxels(l);
      c += g;
    }
    return layers * g;
  };
  for (let l = 0; l < pools; l++) {
    dense(a.layersPerBlock[l], l, true);
    skips.push(c);
    if (a.transitionDown === 'conv-pool') total += unit(c, c) * voxels(l);
    total += c * voxels(l + 1);
  }
  let added = dense(a.layersPerBlock[pools], pools, false);
  for (let i = 0; i < pools; i++) {
    const l = pools - 1 - i;
    const layers = a.layersPerBlock[pools + i];
    // The new maps are concatenated first (unless a block has a single layer).
    if (layers > 1) total += added * voxels(l + 1);
    c = added + skips[l];
    total += (added + c) * voxels(l);
    added = dense(a.layersPerBlock[pools + 1 + i], l, i === pools - 1);
  }
  return total + 2 * spec.numClasses * voxels(0);
}

/** Weights of `spec`'s network, batch norm's moving statistics included (as Keras counts). */
function parameters(spec: SpecWith<FCDenseNet3DSpec>): number {
  const a = spec.architecture;
  const pools = poolings3d(a);
  const g = a.growthRate;
  const perNorm = a.normalization === 'batch' ? 4 : a.normalization === 'instance' ? 2 : 0;
  const conv = (taps: number, i: number, o: number, bias: boolean) => taps * i * o + (bias ? o : 0);
  const unit = (c: number, out: number, taps: number) =>
    perNorm * c + (a.activation === 'prelu' ? c : 0) + conv(taps, c, out, a.convBias);
  let total = conv(27, spec.inChannels, a.firstFilters, a.convBias);
  let c = a.firstFilters;
  const dense = (layers: number): number => {
    for (let l = 0; l < layers; l++, c += g) total += unit(c, g, 27);
    return layers * g;
  };
  const skips: number[] = [];
  for (let i = 0; i < pools; i++) {
    dense(a.layersPerBlock[i]);
    skips.push(c);
    if (a.transitionDown === 'conv-pool') total += unit(c, c, 1);
  }
  let added = dense(a.layersPerBlock[pools]);
  for (let i = 0; i < pools; i++) {
    total += conv(27, added, added, true);
    c = added + skips[pools - 1 - i];
    added = dense(a.layersPerBlock[pools + 1 + i]);
  }
  return total + conv(1, c, spec.numClasses, true);
}

/** Everything but the builder, which index.ts loads on demand (build.ts uses this too). */
export const fcdensenet3dParts = defineParts<'fcdensenet3d', FCDenseNet3DSpec>({
  kind: 'fcdensenet3d',
  label: '3-D FC-DenseNet',
  description:
    'The Tiramisu of Jégou et al. 2017 in 3-D, seed 002’s best PROMISE12 network: dense blocks in a U on 3-D patches.',
  geometry: 'volume',
  presets: FCDENSENET3D_PRESETS,
  defaultPreset: 'studio',
  defaultInputSize: 64,
  // Seed 002: Adam 1e-4, weight decay 1e-4, patches of 64x64x16; Dice + cross-entropy
  // rather than its cross-entropy alone, as for the 3D U-Net (see there).
  training: {
    loss: 'dice+ce',
    learningRate: 1e-4,
    weightDecay: 1e-4,
    batchSize: 2,
    patchDepth: 16,
  },
  tiny: {
    ...FCDENSENET3D_PRESETS.studio.architecture,
    layersPerBlock: [1, 1, 1],
    growthRate: 2,
    firstFilters: 4,
  },
  inputMultiple: (a) => 2 ** poolings3d(a),
  activations,
  parameters,
  fields: [
    {
      kind: 'int-list',
      key: 'layersPerBlock',
      label: 'Layers per dense block (down…, bottleneck, up…)',
      min: 1,
      max: 32,
      minLength: 3,
      maxLength: 11,
    },
    {
      kind: 'number',
      key: 'growthRate',
      label: 'Growth rate k',
      min: 1,
      max: 64,
      step: 1,
      integer: true,
    },
    {
      kind: 'number',
      key: 'firstFilters',
      label: 'First convolution filters',
      min: 1,
      max: 256,
      step: 1,
      integer: true,
    },
    { kind: 'number', key: 'dropout', label: 'Dropout', min: 0, max: 0.9, step: 0.05 },
    {
      kind: 'select',
      key: 'normalization',
      label: 'Normalization',
      options: NORMALIZATION_OPTIONS,
    },
    { kind: 'select', key: 'activation', label: 'Activation', options: ACTIVATION_OPTIONS },
    {
      kind: 'select',
      key: 'transitionDown',
      label: 'Transition down',
      options: [
        { value: 'conv-pool', label: '1×1×1 convolution + max-pool' },
        { value: 'pool', label: 'max-pool only' },
      ],
    },
    { kind: 'check', key: 'convBias', label: 'Convolution biases' },
  ],
  sideOutputs: () => 0,
  isEncoderLayer: encoderByPrefix,
  problem: (spec) => {
    const blocks = spec.architecture.layersPerBlock;
    if (blocks.length < 3 || blocks.length % 2 === 0) {
      return `3-D FC-DenseNet needs an odd number of dense blocks (down, bottleneck, up), not ${blocks.length}.`;
    }
    if (!blocks.every((n) => Number.isInteger(n) && n >= 1)) {
      return 'Every dense block needs at least one layer.';
    }
    return null;
  },
});
