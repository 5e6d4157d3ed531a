/**
 * The geometry of 3-D networks (seed 002's 3D U-Net and 3-D Tiramisu): volumes z-scored
 * and resampled to the model's voxel spacing (volume.ts), training patches drawn from
 * foreground and background centres with equal probability and augmented in 3-D
 * (patch-samples.ts), validation and prediction by overlapping sliding windows whose
 * probabilities are averaged (sliding-window.ts), brought back to each scan's own grid.
 */
import { resampleLinear } from '../../io/resample-volume';
import { EngineError } from '../../shared/engine-error';
import type { ProbabilityVolume } from '../infer/predict';
import { PatchSamples, patchOf } from './patch-samples';
import { PatchValidation } from './patch-validation';
import { slidingWindow } from './sliding-window';
import type { Geometry } from './types';
import { medianSpacing, prepareVolume, type PreparedVolume } from './volume';

export const patchGeometry: Geometry<PreparedVolume> = {
  kind: 'volume',
  fitSpec: (spec, cases) =>
    spec.voxelSpacing
      ? spec
      : { ...spec, voxelSpacing: medianSpacing(cases.map((c) => c.spacing)) },
  prepare: (c, spec, target) => {
    // A 3-D patch spans many slices: an unreviewed one inside it would teach background.
    if (c.reviewed) {
      throw new EngineError(
        'bad-config',
        `case ${c.name} is partly annotated: 3-D networks train on fully labelled cases`,
      );
    }
    return prepareVolume(c, spec.voxelSpacing ?? c.spacing, target);
  },
  trainingSet: (cases, o) => new PatchSamples(cases, o),
  validationSet: (cases, o) => new PatchValidation(cases, o),
  predict: async (model, image, o): Promise<ProbabilityVolume> => {
    const vol = prepareVolume(image, o.input.voxelSpacing ?? image.spacing, null);
    const p = await slidingWindow(model, vol, patchOf(o.input), {
      batchSize: o.batchSize,
      stride: o.stride,
      gaussian: o.gaussian,
      tta: o.tta,
      onProgress: o.onProgress,
      cancelled: o.cancelled,
    });
    const grid = vol.dims;
    const voxels = grid[0] * grid[1] * grid[2];
    const own = image.dims[0] * image.dims[1] * image.dims[2];
    const values = new Float32Array(p.classes * own);
    for (let c = 0; c < p.classes; c++) {
      const channel = p.values.subarray(c * voxels, (c + 1) * voxels);
      values.set(resampleLinear(channel, grid, image.dims), c * own);
    }
    return {
      dims: [...image.dims],
      classes: p.classes,
      values,
      passes: p.passes,
    };
  },
};
