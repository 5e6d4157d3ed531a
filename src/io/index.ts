/** The NIfTI input/output layer: decode, encode, check, normalize and resample volumes. */
export type { SourceGrid, Volume, VoxelType } from './volume';
export { onSourceGrid, toSourceGrid } from './source-grid';
export { readNifti, planNifti, DEFAULT_MAX_BYTES } from './nifti-read';
export type { ReadNiftiOptions, NiftiLayout } from './nifti-read';
export { writeNifti } from './nifti-write';
export type { WriteNiftiOptions } from './nifti-write';
export { parseNiftiHeader, voxelTypeOf, BYTES_PER_VOXEL, DATATYPE_CODES } from './nifti-header';
export type { NiftiHeader } from './nifti-header';
export { headerAffine, voxelToWorld } from './affine';
export { axisCodes, ioOrientation } from './orientation';
export { checkLabel, checkLabelValues, labelValues, volumeStats, describeGrid } from './validate';
export type { CheckLabelOptions, VolumeStats } from './validate';
export { zScore, robustZScore, normalizeVolume, maskedMeanStd } from './normalize';
export { percentileRange } from './percentiles';
export { formatValue, formatValues } from './format-value';
export { extractSlice, insertSlice, resizeBilinear, resizeNearest } from './resample';
export type { SliceArray } from './resample';
