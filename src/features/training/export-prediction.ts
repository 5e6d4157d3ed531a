/** Saves a predicted mask as .nii.gz on the input's own grid and orientation. */
import { writeNifti } from '../../io';
import type { Volume } from '../../io/volume';

export function downloadPrediction(vol: Volume, baseName: string): void {
  const bytes = writeNifti(vol, { type: 'uint8', gzip: true, description: 'SegStudio prediction' });
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${baseName.replace(/[^\w.-]+/g, '_')}_pred.nii.gz`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
