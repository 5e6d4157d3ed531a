/**
 * The built-in sample dataset: procedurally generated axial T2-weighted pelvic MRI
 * phantoms with multi-class labels, so that a newcomer can train at once without
 * downloading anything. Each case is a pure function of its index.
 */
import type { Volume } from '../io/volume';
import { addRicianNoise, applyBias, partialVolume } from './acquire';
import { PHANTOM_FOV_MM, sampleAnatomy } from './anatomy';
import { paintBones } from './bones';
import { smoothField } from './field';
import { paintProstate } from './prostate';
import { createCanvas, type Canvas } from './raster';
import { caseSeed, mulberry32 } from './rng';
import { paintBladder, paintBody, paintMuscles, paintRectum, paintVesicles } from './soft-tissue';

export {
  PHANTOM_LABELS,
  PHANTOM_PROSTATE_VALUE,
  type PhantomLabelInfo,
  type PhantomLabelValue,
} from './labels';
export { PHANTOM_FOV_MM } from './anatomy';

/** Grid of a phantom case; the field of view stays 192 x 192 x 72 mm whatever the grid. */
export interface PhantomOptions {
  /** In-plane voxels along x and y (default 128, i.e. 1.5 mm). */
  size?: number;
  /** Axial slices (default 24, i.e. 3 mm). */
  slices?: number;
}

/** One phantom case: a T2W-like image and its multi-class label on the same grid. */
export interface PhantomCase {
  name: string;
  image: Volume;
  label: Volume;
}

/** Texture grain (mm): roughly the size of fat lobules and bowel content clumps. */
const TEXTURE_CELL_MM = 6;

function checkGrid(index: number, size: number, slices: number): void {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`phantom index must be a non-negative integer, got ${index}`);
  }
  if (!Number.isInteger(size) || size < 16 || size > 1024) {
    throw new RangeError(`phantom size must be an integer in 16..1024, got ${size}`);
  }
  if (!Number.isInteger(slices) || slices < 4 || slices > 512) {
    throw new RangeError(`phantom slices must be an integer in 4..512, got ${slices}`);
  }
}

/** Diagonal voxel -> RAS+ world affine with the grid centred on the world origin. */
function centredAffine(c: Canvas): number[] {
  const [sx, sy, sz] = c.spacing;
  return [sx, 0, 0, c.xs[0], 0, sy, 0, c.ys[0], 0, 0, sz, c.zs[0], 0, 0, 0, 1];
}

/** A case name that sorts naturally: phantom_00, phantom_01, ... */
export function phantomCaseName(index: number): string {
  return `phantom_${String(index).padStart(2, '0')}`;
}

/**
 * Generates case `index` of the sample dataset. The same index and options always give
 * identical bytes. Image values are integers in the int16 range (typically 0..~1500);
 * label values are those of {@link PHANTOM_LABELS}.
 */
export function generatePhantomCase(index: number, opts: PhantomOptions = {}): PhantomCase {
  const size = opts.size ?? 128;
  const slices = opts.slices ?? 24;
  checkGrid(index, size, slices);
  const rng = mulberry32(caseSeed(index));
  const anatomy = sampleAnatomy(rng);
  const dims: [number, number, number] = [size, size, slices];
  const spacing: [number, number, number] = [
    PHANTOM_FOV_MM[0] / size,
    PHANTOM_FOV_MM[1] / size,
    PHANTOM_FOV_MM[2] / slices,
  ];
  const canvas = createCanvas(
    dims,
    PHANTOM_FOV_MM,
    smoothField(rng, dims, spacing, TEXTURE_CELL_MM),
  );
  // Later painters win where structures touch; the prostate, painted last, wins overall.
  paintBody(canvas, anatomy);
  paintMuscles(canvas, anatomy);
  paintBones(canvas, anatomy);
  paintVesicles(canvas, anatomy);
  paintBladder(canvas, anatomy);
  paintRectum(canvas, anatomy);
  paintProstate(canvas, anatomy);
  const signal = partialVolume(canvas);
  applyBias(canvas, signal, anatomy.acquisition);
  addRicianNoise(signal, anatomy.acquisition, rng);
  const affine = centredAffine(canvas);
  return {
    name: phantomCaseName(index),
    image: { dims, spacing, data: signal, sourceType: 'int16', affine },
    label: {
      dims: [...dims],
      spacing: [...spacing],
      data: canvas.label,
      sourceType: 'uint8',
      affine: [...affine],
    },
  };
}

/** The sample dataset: cases 0..count-1. */
export function generatePhantomDataset(count = 8, opts: PhantomOptions = {}): PhantomCase[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`phantom case count must be a non-negative integer, got ${count}`);
  }
  return Array.from({ length: count }, (_, i) => generatePhantomCase(i, opts));
}
