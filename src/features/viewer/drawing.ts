/**
 * The bridge to Niivue's drawing layer: shows a label as an editable drawing, sets the
 * tool (pen, eraser, filled outline, pen size, paint-bucket fill, grow-cut seeds), runs
 * the assists (Otsu threshold, grow-cut, interpolation between drawn slices), and hands
 * every change back as a whole label in the volume's own voxel order. Niivue keeps the
 * drawing in its RAS order and announces only pen strokes (`drawingChanged`), so the
 * bridge converts, and reports the assists and fills itself.
 */
import type { NVImage, Niivue } from '@niivue/niivue';
import {
  fromRas,
  isIdentity,
  rasOrderOf,
  sourceIndex,
  toRas,
  type RasOrder,
} from './drawing-order';
import {
  fillRegion,
  gapsBetween,
  growCutSlice,
  keepSlices,
  replaceValue,
  slicesWith,
  type BitmapDims,
} from './drawing-ops';
import { lutFor } from './overlay-layers';
import type { DrawToolSettings, DrawnEdit, LabelColormap } from './types';

/** Drawing value of grow-cut's background seeds (never part of a label). */
export const SEED_VALUE = 255;
const SEED_COLOR = [150, 150, 150] as const;

/** The volume whose label is drawn: its grid in the studio's (source) order. */
export interface DrawingSource {
  dims: readonly [number, number, number];
  /** Label values in source order, or null for an empty label. */
  label: ArrayLike<number> | null;
}

const isLabel = (v: number) => v !== 0 && v !== SEED_VALUE;

export class DrawingLayer {
  private order: RasOrder | null = null;
  private back: NVImage | null = null;
  private dims: readonly [number, number, number] = [0, 0, 0];
  /** What the drawing holds, in source order without seeds; what the last edit reported. */
  private shown: Uint8Array | null = null;
  private loadedFrom: ArrayLike<number> | null | undefined = undefined;
  private settings: DrawToolSettings = { tool: 'none', value: 1, penSize: 1, filled: false };
  private pointer: { x: number; y: number } | null = null;

  constructor(
    private readonly nv: Niivue,
    canvas: HTMLCanvasElement,
    private readonly onEdit: (edit: DrawnEdit) => void,
  ) {
    nv.addEventListener('drawingChanged', (e) => {
      if (e.detail.action === 'draw') this.report(true);
    });
    canvas.addEventListener('pointerdown', (e) => {
      this.pointer = e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
    });
    canvas.addEventListener('pointerup', (e) => {
      const down = this.pointer;
      this.pointer = null;
      // A click (not a drag) with the fill tool: Niivue has moved the crosshair there.
      if (!down || this.settings.tool !== 'fill') return;
      if (Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) return;
      this.fillAtCrosshair();
    });
  }

  /** Whether a label is shown for editing. */
  get active(): boolean {
    return this.order !== null;
  }

  /**
   * Shows `source`'s label on `back` for editing. Nothing is reloaded when the drawing
   * already holds that label (e.g. the one its own last edit reported), so strokes, seeds
   * and Niivue's state survive the round trip through the store.
   */
  show(back: NVImage, source: DrawingSource): void {
    const sameBack = back === this.back && this.order !== null;
    if (sameBack && source.label === this.loadedFrom) return;
    if (sameBack && this.shown && source.label && equal(this.shown, source.label)) {
      this.loadedFrom = source.label;
      return;
    }
    const order = rasOrderOf(back);
    this.back = back;
    this.order = order;
    this.dims = source.dims;
    const voxels = order.dims[0] * order.dims[1] * order.dims[2];
    const nv = this.nv;
    if (!nv.drawBitmap || nv.drawBitmap.length !== voxels || !sameBack) nv.createEmptyDrawing();
    const bitmap = source.label ? toRas(source.label, order) : new Uint8Array(voxels);
    nv.drawBitmap?.set(bitmap);
    nv.drawClearAllUndoBitmaps();
    nv.drawAddUndoBitmap();
    nv.refreshDrawing(true);
    this.shown = fromRas(bitmap, order);
    this.loadedFrom = source.label;
    this.applyTool();
  }

  /** Stops editing and removes the drawing from the view. */
  close(): void {
    if (!this.order) return;
    this.order = null;
    this.back = null;
    this.shown = null;
    this.loadedFrom = undefined;
    this.nv.setDrawingEnabled(false);
    this.nv.closeDrawing();
  }

  /** Label colours (value -> colour), grow-cut seeds in grey, and the drawing's opacity. */
  setStyle(colormap: LabelColormap, opacity: number): void {
    const entries = [
      ...colormap.filter((c) => c.value > 0 && c.value < SEED_VALUE),
      { value: SEED_VALUE, name: 'background seed', color: SEED_COLOR },
    ];
    this.nv.setDrawColormap(lutFor(entries) as never);
    this.nv.setDrawOpacity(opacity);
  }

  setTool(settings: DrawToolSettings): void {
    this.settings = settings;
    if (this.order) this.applyTool();
  }

  private applyTool(): void {
    const { tool, value, penSize, filled } = this.settings;
    const nv = this.nv;
    nv.opts.penSize = penSize;
    const pen = tool === 'pen' ? value : tool === 'seed' ? SEED_VALUE : 0;
    nv.setPenValue(pen, filled);
    nv.setDrawingEnabled(tool === 'pen' || tool === 'eraser' || tool === 'seed');
  }

  /** The slice of the source volume under the crosshair (its third voxel index). */
  sourceSlice(): number | null {
    const o = this.order ?? (this.nv.back ? safeOrder(this.nv.back) : null);
    if (!o) return null;
    const [x, y, z] = this.nv.frac2vox(this.nv.scene.crosshairPos);
    const plane = this.dims[0] * this.dims[1] || o.dims[0] * o.dims[1];
    return Math.floor(sourceIndex(o, x, y, z) / plane);
  }

  /** Paints the region of the crosshair's slice around it (paint bucket). */
  private fillAtCrosshair(): void {
    const bitmap = this.nv.drawBitmap;
    if (!this.order || !bitmap) return;
    const [x, y, z] = this.nv.frac2vox(this.nv.scene.crosshairPos);
    if (fillRegion(bitmap, this.order.dims, x, y, z, this.settings.value) === 0) return;
    this.commit(true);
  }

  /**
   * Otsu's threshold of the image, on the crosshair's axial slice only: its bright voxels
   * not yet labelled get the pen's label. False when nothing changed.
   */
  otsu(): boolean {
    return this.assist((before, dims) => {
      this.nv.drawOtsu(2);
      const after = this.nv.drawBitmap as Uint8Array;
      const z = this.nv.frac2vox(this.nv.scene.crosshairPos)[2];
      keepSlices(after, before, dims, new Set([z]));
      for (let i = 0; i < after.length; i++) {
        if (after[i] !== before[i]) after[i] = this.settings.value;
      }
    });
  }

  /**
   * Grow-cut from the labels and background seeds drawn: every voxel of the slices that
   * hold both takes the value of the seeds that reach it most strongly along the image;
   * seeds then become background. Slice by slice on the CPU, so it takes well under a
   * second where Niivue's 3-D version on a software-rendered GPU takes minutes. False when
   * there is nothing to grow from.
   */
  growCut(): boolean {
    return this.assist((before, dims) => {
      const back = this.back;
      const seeded = new Set(slicesWith(before, dims, (v) => v === SEED_VALUE));
      const slices = slicesWith(before, dims, isLabel).filter((z) => seeded.has(z));
      if (!back || slices.length === 0) return;
      const bitmap = this.nv.drawBitmap as Uint8Array;
      const image = back.img2RAS();
      for (const z of slices) growCutSlice(bitmap, image, dims, z);
      replaceValue(bitmap, SEED_VALUE, 0);
    });
  }

  /** Fills the empty axial slices between drawn ones by interpolating their outlines. */
  interpolate(): boolean {
    return this.assist((before, dims) => {
      const bitmap = this.nv.drawBitmap as Uint8Array;
      replaceValue(bitmap, SEED_VALUE, 0);
      const guided = this.order !== null && isIdentity(this.order);
      for (const [low, high] of gapsBetween(slicesWith(bitmap, dims, isLabel))) {
        this.nv.interpolateMaskSlices(low, high, { useIntensityGuided: guided });
      }
      // Interpolation only adds: labels already drawn stay as they were.
      for (let i = 0; i < bitmap.length; i++) if (before[i] !== 0) bitmap[i] = before[i];
    });
  }

  /** Runs an assist on the bitmap and reports its result as one (non-manual) edit. */
  private assist(run: (before: Uint8Array, dims: BitmapDims) => void): boolean {
    const bitmap = this.nv.drawBitmap;
    if (!this.order || !bitmap) return false;
    const before = bitmap.slice();
    run(before, this.order.dims);
    const after = this.nv.drawBitmap as Uint8Array;
    if (equal(before, after)) return false;
    this.commit(false);
    return true;
  }

  private commit(manual: boolean): void {
    this.nv.drawAddUndoBitmap();
    this.nv.refreshDrawing(true);
    this.report(manual);
  }

  /** Reads the drawing back into source order and reports it if the label changed. */
  private report(manual: boolean): void {
    const bitmap = this.nv.drawBitmap;
    if (!this.order || !bitmap) return;
    const data = fromRas(bitmap, this.order);
    replaceValue(data, SEED_VALUE, 0);
    if (this.shown && equal(this.shown, data)) return;
    this.shown = data;
    this.onEdit({ data: data.slice(), manual });
  }
}

function safeOrder(img: NVImage): RasOrder | null {
  try {
    return rasOrderOf(img);
  } catch {
    return null;
  }
}

function equal(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== Math.round(b[i])) return false;
  return true;
}
