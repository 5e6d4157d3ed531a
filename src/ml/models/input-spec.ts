/**
 * What a model specification says around its architecture: the input it takes (edge,
 * channels, neighbouring slices or 3-D patch depth, voxel spacing) and the classes it
 * outputs. A leaf, so that architecture definitions and builders can use it without
 * importing the registry that lists them.
 */
import type { SliceFit } from '../data/slice-fit';

export interface InputSpec {
  /** Square input edge in pixels (a multiple of the architecture's inputMultiple). */
  inputSize: number;
  /**
   * How slices meet the input: resized (the whole field of view; the default, and what
   * models saved without this field used) or centre-cropped at the scan's resolution.
   */
  sliceFit?: SliceFit;
  /** Image channels per slice (MRI sequences). */
  inChannels: number;
  /**
   * 2.5-D input: this many neighbouring slices (odd; the centre one is predicted) stacked
   * as channels, slices past the volume's ends replicated. 1 or absent: plain 2-D.
   */
  contextSlices?: number;
  /**
   * Output classes: 1 means a single sigmoid foreground map; >= 2 means softmax over
   * classes (background included).
   */
  numClasses: number;
  /**
   * 3-D patches (architectures of 'volume' geometry): slices per patch, the network's input
   * depth (a multiple of the architecture's inputMultiple). Absent for 2-D networks.
   */
  patchDepth?: number;
  /**
   * 3-D patches: the voxel spacing in mm (x, y, slices) every volume is resampled to before
   * patches are cut and that predictions are computed on. Absent: chosen when training
   * starts, as the training cases' median spacing.
   */
  voxelSpacing?: [number, number, number];
}

/** A model specification whose architecture is known to be `S`. */
export type SpecWith<S> = InputSpec & { architecture: S };

/**
 * The shape of one input sample: [size, size, channels] for a 2-D network (stacked slices
 * as channels), [patchDepth, size, size, channels] for a 3-D one.
 */
export function sampleShape(
  spec: Pick<InputSpec, 'inputSize' | 'inChannels' | 'contextSlices' | 'patchDepth'>,
): number[] {
  const plane = [spec.inputSize, spec.inputSize];
  return spec.patchDepth !== undefined
    ? [spec.patchDepth, ...plane, spec.inChannels]
    : [...plane, networkInputChannels(spec)];
}

/** Channels the network's input layer takes: sequences times stacked slices. */
export function networkInputChannels(
  spec: Pick<InputSpec, 'inChannels' | 'contextSlices'>,
): number {
  return spec.inChannels * (spec.contextSlices ?? 1);
}
