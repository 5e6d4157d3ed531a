/**
 * The user's first files replace the built-in sample. When a model is training on the
 * sample, that would pull the data from under the run, so the studio asks first; if the
 * user goes ahead, the run stops and keeps the weights it has.
 */
import { isActive, useStudio } from '../../store';
import { stopTraining } from '../training/run-actions';
import { askConfirm } from './confirm';

/** True when the sample is loaded and a run is in progress (or queued) on it. */
export function sampleInTraining(): boolean {
  const s = useStudio.getState();
  return s.datasetName === 'sample' && s.runs.some((r) => isActive(r));
}

/** Resolves false when the user chose to keep the sample (and its run). */
export async function mayReplaceSample(fileCount: number): Promise<boolean> {
  if (!sampleInTraining()) return true;
  const files = fileCount === 1 ? 'this file' : `these ${fileCount} files`;
  const ok = await askConfirm({
    title: 'Replace the sample while it trains?',
    message:
      `A model is training on the built-in sample. Loading ${files} replaces the sample ` +
      `and stops that run (the weights it has are kept).`,
    confirm: 'Stop training and load my files',
    cancel: 'Keep the sample',
  });
  if (ok && sampleInTraining()) await stopTraining().catch(() => undefined);
  return ok;
}
