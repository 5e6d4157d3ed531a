/**
 * Shared reading of convolution attributes for the gradient kernels. tfjs never passes
 * dilations to the backprop kernels (its Conv2D gradient refuses them), but the kernels
 * honour a `dilations` attribute when one is given, so a dilated-convolution gradient
 * can be built on them later.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | backend_util.ExplicitPadding;

/** Geometry of the forward convolution whose gradient a kernel computes. */
export type ConvGeometry = backend_util.Conv2DInfo;

function pair(v: unknown, name: string): number | [number, number] {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) {
    const nums = v.filter((e): e is number => typeof e === 'number');
    if (nums.length === 2 && v.length === 2) return [nums[0], nums[1]];
  }
  if (v === undefined && name === 'dilations') return 1;
  throw new Error(`Invalid convolution attribute '${name}'.`);
}

function padding(v: unknown): Pad {
  if (v === 'same' || v === 'valid' || typeof v === 'number' || Array.isArray(v)) return v as Pad;
  throw new Error('Invalid convolution padding.');
}

function roundingMode(v: unknown): 'floor' | 'round' | 'ceil' | undefined {
  return v === 'floor' || v === 'round' || v === 'ceil' ? v : undefined;
}

/**
 * Conv2D geometry from backprop-kernel attributes (NHWC only, like the WASM backend).
 * @param xShape shape of the forward input `[batch, height, width, inChannels]`
 * @param filterShape `[filterHeight, filterWidth, inChannels, outChannels]`
 */
export function convGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: NamedAttrMap,
): ConvGeometry {
  const format = attrs.dataFormat ?? 'NHWC';
  if (format !== 'NHWC' && format !== 'channelsLast') {
    throw new Error(
      `The WASM backend supports only NHWC convolutions, got ${JSON.stringify(format)}.`,
    );
  }
  if (xShape.length !== 4 || filterShape.length !== 4) throw new Error('Expected rank-4 shapes.');
  return backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    pair(attrs.strides, 'strides'),
    pair(attrs.dilations, 'dilations'),
    padding(attrs.pad),
    roundingMode(attrs.dimRoundingMode),
    false,
    'channelsLast',
  );
}

/** Reads a rank-4 shape attribute such as `filterShape` or `inputShape`. */
export function shapeAttr(attrs: NamedAttrMap, name: string): number[] {
  const v = attrs[name];
  const shape = Array.isArray(v) ? v.filter((e): e is number => typeof e === 'number') : [];
  if (shape.length !== 4 || (Array.isArray(v) && v.length !== 4)) {
    throw new Error(`Invalid attribute '${name}': expected a rank-4 shape.`);
  }
  return shape;
}
