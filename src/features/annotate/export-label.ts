/**
 * Saves an edited label as .nii.gz on its image's own grid (the file's voxel order and
 * affine), so that it matches the scan voxel for voxel in other tools.
 */
import { onSourceGrid, writeNifti } from '../../io';
import type { Volume } from '../../io/volume';

export function downloadLabel(label: Volume, caseName: string, image?: Volume): void {
  const bytes = writeNifti(onSourceGrid(label, image ?? label), {
    type: 'uint8',
    gzip: true,
    description: 'SegStudio label',
  });
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${caseName.replace(/[^\w.-]+/g, '_')}_label.nii.gz`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
