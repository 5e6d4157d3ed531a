/**
 * Shared reading of 3-D convolution attributes, and the plan every 3-D kernel of this
 * folder works from: the convolution's sizes with explicit paddings, so that a gradient
 * can be computed as another convolution (flipped filter, mirrored paddings) by the same
 * code that runs the forward pass.
 */
import { backend_util } from '@tensorflow/tfjs';
import type { NamedAttrMap } from '@tensorflow/tfjs';

type Shape5 = [number, number, number, number, number];
type Triple = [number, number, number];

/** A 3-D convolution over NDHWC data with a [KD, KH, KW, C, O] filter. */
export interface ConvPlan3D {
  batch: number;
  inDepth: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outDepth: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterDepth: number;
  filterHeight: number;
  filterWidth: number;
  strides: Triple;
  dilations: Triple;
  /** Zeros added before (front, top, left) and after (back, bottom, right) each axis. */
  pads: { front: number; back: number; top: number; bottom: number; left: number; right: number };
}

function triple(v: unknown, name: string): number | Triple {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 3 && v.every((e) => typeof e === 'number')) {
    return [v[0], v[1], v[2]] as Triple;
  }
  if (v === undefined && name === 'dilations') return 1;
  throw new Error(`Invalid 3-D convolution attribute '${name}'.`);
}

function padding(v: unknown): 'same' | 'valid' {
  if (v === 'same' || v === 'valid') return v;
  throw new Error('Invalid 3-D convolution padding.');
}

/** The plan of the convolution whose attributes a Conv3D (or gradient) kernel receives. */
export function conv3dPlan(
  xShape: readonly number[],
  filterShape: readonly number[],
  attrs: NamedAttrMap,
): ConvPlan3D {
  const format = attrs.dataFormat ?? 'NDHWC';
  if (format !== 'NDHWC' && format !== 'channelsLast') {
    throw new Error(`Only NDHWC 3-D convolutions are supported, got ${JSON.stringify(format)}.`);
  }
  if (xShape.length !== 5 || filterShape.length !== 5) throw new Error('Expected rank-5 shapes.');
  const info = backend_util.computeConv3DInfo(
    [...xShape] as Shape5,
    [...filterShape] as Shape5,
    triple(attrs.strides, 'strides'),
    triple(attrs.dilations, 'dilations'),
    padding(attrs.pad),
  );
  const { padInfo: p } = info;
  return {
    batch: info.batchSize,
    inDepth: info.inDepth,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outDepth: info.outDepth,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterDepth: info.filterDepth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strides: [info.strideDepth, info.strideHeight, info.strideWidth],
    dilations: [info.dilationDepth, info.dilationHeight, info.dilationWidth],
    pads: {
      front: p.front,
      back: p.back,
      top: p.top,
      bottom: p.bottom,
      left: p.left,
      right: p.right,
    },
  };
}

/** Reads a rank-5 shape attribute such as `filterShape` or `inputShape`. */
export function shape5Attr(attrs: NamedAttrMap, name: string): number[] {
  const v = attrs[name];
  const shape = Array.isArray(v) ? v.filter((e): e is number => typeof e === 'number') : [];
  if (shape.length !== 5 || (Array.isArray(v) && v.length !== 5)) {
    throw new Error(`Invalid attribute '${name}': expected a rank-5 shape.`);
  }
  return shape;
}

/** Filter taps (KD * KH * KW) of a plan. */
export function tapsOf(p: ConvPlan3D): number {
  return p.filterDepth * p.filterHeight * p.filterWidth;
}

/** Whether every stride of the plan is 1. */
export function unitStrides(p: ConvPlan3D): boolean {
  return p.strides.every((s) => s === 1);
}
