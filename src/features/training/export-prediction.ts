/**
 * Saves a predicted mask as .nii.gz on the input's own grid: the scan file's voxel order
 * and affine (the prediction carries its image's source grid), so that it matches the
 * scan voxel for voxel in other tools.
 */
import { onSourceGrid, writeNifti } from '../../io';
import type { Volume } from '../../io/volume';

export function downloadPrediction(vol: Volume, baseName: string): void {
  const bytes = writeNifti(onSourceGrid(vol), {
    type: 'uint8',
    gzip: true,
    description: 'SegStudio prediction',
  });
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${baseName.replace(/[^\w.-]+/g, '_')}_pred.nii.gz`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
