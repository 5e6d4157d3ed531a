/**
 * The input geometries and how one is chosen: from the architecture definition's
 * `geometry` for a model the studio built, from the rank of its input for one from
 * elsewhere (a 5-D input is a 3-D network).
 */
import type * as tf from '@tensorflow/tfjs';
import { architecture, type ModelSpec } from '../models';
import { patchGeometry } from './patch3d';
import { sliceGeometry } from './slice2d';
import type { Geometry } from './types';

export type * from './types';
export { SliceSamples, SliceValidation, sliceGeometry } from './slice2d';
export { patchGeometry } from './patch3d';

/** The geometry of networks of `spec`'s architecture. */
export function geometryOf(spec: ModelSpec): Geometry {
  const kind = architecture(spec.architecture.kind).geometry;
  return kind === 'volume' ? patchGeometry : sliceGeometry;
}

/** The geometry a model reads volumes with: its spec's, or its input's rank's. */
export function geometryOfModel(model: tf.LayersModel, spec: ModelSpec | null): Geometry {
  if (spec) return geometryOf(spec);
  return model.inputs[0].shape.length === 5 ? patchGeometry : sliceGeometry;
}
