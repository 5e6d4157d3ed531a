/**
 * Model specifications: plain data the UI edits, the worker turns into a network, and
 * saved models carry with their weights. The architecture part is whatever the registry's
 * architectures define (see registry.ts); this module adds the input and output around it.
 */
import type { SliceFit } from '../data/slice-fit';
import type { ArchitectureSpec } from './registry';

export type { Activation, Normalization } from './architecture';
export type { ArchitectureKind, ArchitectureSpec } from './registry';
export type { UNetSpec, UpMode } from './unet';
export type { ENetSpec } from './enet';
export type { UNet3DSpec } from './unet3d';

export interface ModelSpec {
  architecture: ArchitectureSpec;
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

/**
 * The shape of one input sample: [size, size, channels] for a 2-D network (stacked slices
 * as channels), [patchDepth, size, size, channels] for a 3-D one.
 */
export function sampleShape(
  spec: Pick<ModelSpec, 'inputSize' | 'inChannels' | 'contextSlices' | 'patchDepth'>,
): number[] {
  const plane = [spec.inputSize, spec.inputSize];
  return spec.patchDepth !== undefined
    ? [spec.patchDepth, ...plane, spec.inChannels]
    : [...plane, networkInputChannels(spec)];
}

/** Channels the network's input layer takes: sequences times stacked slices. */
export function networkInputChannels(
  spec: Pick<ModelSpec, 'inChannels' | 'contextSlices'>,
): number {
  return spec.inChannels * (spec.contextSlices ?? 1);
}
