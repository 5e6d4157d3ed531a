/**
 * Where a voxel of the image's own grid is on the page, in the current view: lets
 * end-to-end tests aim the mouse at anatomy (a gland's outline, a given side) rather than
 * at guessed pixels.
 */
import type { Niivue } from '@niivue/niivue';
import { rasOrderOf, rasVoxel } from './drawing-order';

/** Page (client) coordinates of the centre of voxel (i, j, k), or null when not on screen. */
export function voxelToClient(
  nv: Niivue,
  canvas: HTMLCanvasElement,
  dims: readonly [number, number, number],
  voxel: readonly [number, number, number],
): { x: number; y: number } | null {
  if (!nv.back) return null;
  const ras = rasVoxel(rasOrderOf(nv.back), dims, voxel[0], voxel[1], voxel[2]);
  const pos = nv.frac2canvasPos(nv.vox2frac(ras));
  if (!pos) return null;
  const rect = canvas.getBoundingClientRect();
  // Niivue works in device pixels.
  const scale = canvas.width / rect.width || 1;
  return { x: rect.left + pos[0] / scale, y: rect.top + pos[1] / scale };
}
