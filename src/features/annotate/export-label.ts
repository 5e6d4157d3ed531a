/** Saves an edited label as .nii.gz with its image's geometry, to open in other viewers. */
import { writeNifti } from '../../io';
import type { Volume } from '../../io/volume';

export function downloadLabel(label: Volume, caseName: string): void {
  const bytes = writeNifti(label, { type: 'uint8', gzip: true, description: 'SegStudio label' });
  const url = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `${caseName.replace(/[^\w.-]+/g, '_')}_label.nii.gz`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
