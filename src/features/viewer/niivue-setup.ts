/**
 * Everything that touches Niivue's construction and its image objects: a fresh canvas
 * per viewer (so that its WebGL context can be released for good on unmount), the
 * options that make Niivue behave as part of the studio rather than as a stand-alone
 * viewer, and the conversion of studio volumes into Niivue images via NIfTI bytes.
 */
import { DRAG_MODE, NVImage, Niivue, SHOW_RENDER, SLICE_TYPE } from '@niivue/niivue';
import type { Volume, VoxelType } from '../../io/volume';
import { writeNifti } from '../../io/nifti-write';
import type { LabelLut } from './overlay-layers';
import type { IntensityWindow, ViewerLayout } from './types';

/** Niivue slice type of each layout. */
export const SLICE_TYPE_OF: Record<ViewerLayout, SLICE_TYPE> = {
  multiplanar: SLICE_TYPE.MULTIPLANAR,
  axial: SLICE_TYPE.AXIAL,
  coronal: SLICE_TYPE.CORONAL,
  sagittal: SLICE_TYPE.SAGITTAL,
};

// A key code no keyboard produces: switches off Niivue hotkeys whose letters the studio
// uses for its own shortcuts (C, P) or that would leave the 2-D layouts (V).
const NO_HOTKEY = 'Unassigned';

/** Crosshair of the multiplanar layout: a thin translucent cyan, unlike any overlay colour. */
export const CROSSHAIR = { color: [0.3, 0.85, 1, 0.4], width: 1 } as const;

/**
 * A canvas in `host` with a Niivue instance attached; resolves once shaders are ready.
 * Aborting hides the canvas at once and releases it as soon as Niivue's set-up settles
 * (tearing a context down mid-initialisation makes Niivue throw from its own promises).
 */
export async function createNiivue(
  host: HTMLElement,
  signal: AbortSignal,
): Promise<{ nv: Niivue; canvas: HTMLCanvasElement }> {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-label', 'Image view');
  host.appendChild(canvas);
  signal.addEventListener('abort', () => (canvas.style.display = 'none'), { once: true });
  // Niivue asks for the context without preserveDrawingBuffer; creating it first with
  // the flag makes Niivue reuse it, so the last frame stays readable (screenshots, tests).
  const gl = canvas.getContext('webgl2', {
    alpha: true,
    antialias: false,
    preserveDrawingBuffer: true,
  });
  if (!gl) {
    canvas.remove();
    throw new Error('WebGL2 is not available in this browser.');
  }
  const nv = new Niivue({
    backColor: [0, 0, 0, 1],
    crosshairColor: [...CROSSHAIR.color],
    crosshairWidth: CROSSHAIR.width,
    show3Dcrosshair: false,
    isColorbar: false,
    showLegend: false,
    isOrientCube: false,
    multiplanarShowRender: SHOW_RENDER.NEVER,
    // Patient's right on the screen's left, as radiologists read prostate MRI.
    isRadiologicalConvention: true,
    // Voxels as they are: one-voxel contours stay solid lines instead of fading
    // between texels, and label edges fall on voxel edges.
    isNearestInterpolation: true,
    dragMode: DRAG_MODE.contrast,
    dragAndDropEnabled: false,
    loadingText: '',
    logLevel: 'error',
    isResizeCanvas: true,
    viewModeHotKey: NO_HOTKEY,
    clipPlaneHotKey: NO_HOTKEY,
    cycleClipPlaneHotKey: NO_HOTKEY,
    sliceType: SLICE_TYPE.AXIAL,
  });
  try {
    await nv.attachToCanvas(canvas, false);
  } catch (err) {
    releaseCanvas(nv, canvas);
    throw err;
  }
  if (signal.aborted) {
    releaseCanvas(nv, canvas);
    throw new DOMException('The viewer was closed while starting.', 'AbortError');
  }
  return { nv, canvas };
}

/** Detaches Niivue's listeners, frees the GPU context now (not at garbage collection). */
export function releaseCanvas(nv: Niivue, canvas: HTMLCanvasElement): void {
  nv.cleanup();
  const gl = canvas.getContext('webgl2');
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  canvas.remove();
}

function niftiName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_').replace(/\.nii(\.gz)?$/i, '');
  return `${safe || 'volume'}.nii`;
}

async function toNVImage(vol: Volume, name: string, type: VoxelType): Promise<NVImage> {
  const bytes = writeNifti(vol, { type, gzip: false });
  return NVImage.loadFromUrl({ url: bytes, name: niftiName(name) });
}

/** The background image; double-click in Niivue resets its window to `auto`. */
export async function backgroundImage(
  vol: Volume,
  name: string,
  auto: IntensityWindow,
): Promise<NVImage> {
  const img = await toNVImage(vol, name, 'float32');
  img.cal_min = auto.min;
  img.cal_max = auto.max;
  img.robust_min = auto.min;
  img.robust_max = auto.max;
  return img;
}

/** A label layer coloured by a discrete lookup table. */
export async function labelImage(
  vol: Volume,
  name: string,
  lut: LabelLut,
  maxValue: number,
): Promise<NVImage> {
  const img = await toNVImage(vol, name, maxValue > 255 ? 'uint16' : 'uint8');
  img.setColormapLabel(lut);
  return img;
}
