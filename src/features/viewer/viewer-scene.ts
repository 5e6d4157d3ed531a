/**
 * One Niivue instance kept in step with what the React component asks for. Loading is
 * asynchronous (NIfTI encoding, parsing, GPU upload), so requests only record the wanted
 * state and a single loop applies the newest one: a quick case switch never shows a
 * stale image, and overlay layers are rebuilt only when their voxels or colours change;
 * opacity and visibility changes just recompose the existing layers. A label being edited
 * is shown through Niivue's drawing layer (see drawing.ts) once its image is in place.
 */
import type { NVImage, Niivue } from '@niivue/niivue';
import type { Volume } from '../../io/volume';
import { DrawingLayer, type DrawingSource } from './drawing';
import {
  CROSSHAIR,
  SLICE_TYPE_OF,
  backgroundImage,
  createNiivue,
  labelImage,
  releaseCanvas,
} from './niivue-setup';
import { overlayLayer, type LayerSource } from './overlay-layers';
import { voxelToClient } from './screen-position';
import type { DrawnEdit, IntensityWindow, ViewerLayout, ViewerOverlay } from './types';

/** What the scene reports back to the component. */
export interface SceneEvents {
  /** The axial slice shown (0-based) and the number of axial slices. */
  onSlice(index: number, count: number): void;
  /** The user changed the window inside the canvas (right-drag box, double-click reset). */
  onWindow(window: IntensityWindow): void;
  /** The content now on screen: exactly the image and overlays of a setContent call. */
  onDrawn(image: Volume | null, overlays: readonly ViewerOverlay[]): void;
  onError(message: string): void;
  /** The user changed the label being edited. */
  onDrawingEdit?(edit: DrawnEdit): void;
  /** The slice of the image's own voxel grid under the crosshair (its third index). */
  onSourceSlice?(k: number): void;
}

interface Wanted {
  image: Volume | null;
  name: string;
  auto: IntensityWindow;
  overlays: readonly ViewerOverlay[];
  drawing: DrawingSource | null;
}

interface CachedLayer {
  source: LayerSource;
  image: NVImage;
}

function colormapKey(o: LayerSource): string {
  return o.colormap?.map((c) => `${c.value}:${c.color.join()}`).join('|') ?? '';
}

/** Same voxels and colours: compared by content, so a re-created but equal colormap is free. */
function sameSource(a: LayerSource, o: ViewerOverlay): boolean {
  return (
    a.volume === o.volume &&
    a.style === o.style &&
    a.color.join() === o.color.join() &&
    colormapKey(a) === colormapKey(o)
  );
}

export class ViewerScene {
  private wanted: Wanted = {
    image: null,
    name: '',
    auto: { min: 0, max: 1 },
    overlays: [],
    drawing: null,
  };
  /** The label being edited, drawn over the image (see drawing.ts). */
  readonly drawing: DrawingLayer;
  private window: IntensityWindow = { min: 0, max: 1 };
  private backSource: Volume | null = null;
  private back: NVImage | null = null;
  private layers = new Map<string, CachedLayer>();
  private composed = '';
  private pendingSlice: number | null = null;
  private lastSlice = '';
  private running = false;
  private dirty = false;
  private disposed = false;

  private constructor(
    private readonly nv: Niivue,
    private readonly canvas: HTMLCanvasElement,
    private readonly events: SceneEvents,
  ) {
    this.drawing = new DrawingLayer(nv, canvas, (edit) => events.onDrawingEdit?.(edit));
    nv.addEventListener('locationChange', () => this.reportSlice());
    nv.addEventListener('intensityChange', (e) => {
      if (e.detail !== this.back) return;
      this.window = { min: e.detail.cal_min ?? 0, max: e.detail.cal_max ?? 1 };
      events.onWindow(this.window);
    });
    // Niivue cancels the default of mousedown, which would otherwise focus the canvas;
    // focus it explicitly so the slice keys work right after a click.
    canvas.addEventListener('pointerdown', () => canvas.focus({ preventScroll: true }));
  }

  /** Creates a canvas in `host` and a Niivue instance on it (see createNiivue on abort). */
  static async create(
    host: HTMLElement,
    events: SceneEvents,
    signal: AbortSignal,
  ): Promise<ViewerScene> {
    const { nv, canvas } = await createNiivue(host, signal);
    return new ViewerScene(nv, canvas, events);
  }

  /** Requests an image (null clears the view) with its overlays. */
  setContent(
    image: Volume | null,
    name: string,
    auto: IntensityWindow,
    overlays: readonly ViewerOverlay[],
  ): void {
    this.wanted = { ...this.wanted, image, name, auto, overlays };
    this.schedule();
  }

  /** Requests a label to edit on the image (null: no editing). */
  setDrawing(source: DrawingSource | null): void {
    if (source === this.wanted.drawing) return;
    this.wanted = { ...this.wanted, drawing: source };
    this.schedule();
  }

  setLayout(layout: ViewerLayout): void {
    this.nv.setCrosshairWidth(layout === 'multiplanar' ? CROSSHAIR.width : 0);
    this.nv.setSliceType(SLICE_TYPE_OF[layout]);
  }

  setWindow(window: IntensityWindow): void {
    if (window.min === this.window.min && window.max === this.window.max) return;
    this.window = window;
    if (!this.back || this.backSource !== this.wanted.image) return;
    this.back.cal_min = window.min;
    this.back.cal_max = window.max;
    this.nv.updateGLVolume();
  }

  /** Shows axial slice k (clamped); applied after loading if an image is on its way. */
  setSlice(k: number): void {
    if (!this.back || this.backSource !== this.wanted.image) {
      this.pendingSlice = k;
      return;
    }
    const count = this.back.dimsRAS?.[3] ?? 1;
    const target = Math.min(count - 1, Math.max(0, Math.round(k)));
    const current = this.nv.frac2vox(this.nv.scene.crosshairPos)[2];
    if (target !== current) this.nv.moveCrosshairInVox(0, 0, target - current);
    else this.reportSlice();
  }

  /** Moves `delta` axial slices up (+) or down (-). */
  stepSlice(delta: number): void {
    if (!this.back) return;
    this.setSlice(this.nv.frac2vox(this.nv.scene.crosshairPos)[2] + delta);
  }

  /** Page coordinates of voxel (i, j, k) of the image shown, or null (see screen-position). */
  voxelToClient(voxel: readonly [number, number, number]): { x: number; y: number } | null {
    const image = this.backSource;
    return image ? voxelToClient(this.nv, this.canvas, image.dims, voxel) : null;
  }

  /** PNG data URL of the current view, rendered afresh. */
  snapshot(): string {
    this.nv.drawScene();
    return this.canvas.toDataURL('image/png');
  }

  dispose(): void {
    this.disposed = true;
    this.layers.clear();
    releaseCanvas(this.nv, this.canvas);
  }

  private reportSlice(): void {
    if (!this.back) return;
    const count = this.back.dimsRAS?.[3] ?? 1;
    const index = Math.min(count - 1, Math.max(0, this.nv.frac2vox(this.nv.scene.crosshairPos)[2]));
    const source = this.drawing.sourceSlice() ?? index;
    const key = `${index}/${count}/${source}`;
    if (key === this.lastSlice) return;
    this.lastSlice = key;
    this.events.onSlice(index, count);
    this.events.onSourceSlice?.(source);
  }

  private schedule(): void {
    this.dirty = true;
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      while (this.dirty && !this.disposed) {
        this.dirty = false;
        await this.apply();
      }
      if (!this.disposed) this.events.onDrawn(this.wanted.image, this.wanted.overlays);
    } catch (err) {
      if (!this.disposed) this.events.onError(err instanceof Error ? err.message : String(err));
    } finally {
      this.running = false;
      // A request that arrived while a load failed still deserves its own attempt.
      if (this.dirty && !this.disposed) this.schedule();
    }
  }

  /** Brings Niivue to `wanted`, returning early when a newer request arrives meanwhile. */
  private async apply(): Promise<void> {
    const want = this.wanted;
    if (want.image !== this.backSource) {
      const image = want.image;
      const back = image ? await backgroundImage(image, want.name, want.auto) : null;
      if (this.disposed) return;
      this.back = back;
      this.backSource = image;
      this.composed = '';
      this.lastSlice = '';
      if (this.dirty) return;
    }
    for (const o of want.overlays) {
      if (!o.visible || this.layerFor(o)) continue;
      const layer = overlayLayer(o);
      const image = await labelImage(
        layer.volume,
        `${want.name}-${o.id}`,
        layer.lut,
        layer.maxValue,
      );
      if (this.disposed) return;
      this.layers.set(o.id, {
        source: { volume: o.volume, style: o.style, color: o.color, colormap: o.colormap },
        image,
      });
      if (this.dirty) return;
    }
    for (const id of [...this.layers.keys()]) {
      if (!want.overlays.some((o) => o.id === id)) this.layers.delete(id);
    }
    this.compose(want.overlays);
  }

  private layerFor(o: ViewerOverlay): CachedLayer | undefined {
    const cached = this.layers.get(o.id);
    return cached && sameSource(cached.source, o) ? cached : undefined;
  }

  private compose(overlays: readonly ViewerOverlay[]): void {
    const back = this.back;
    if (!back) {
      this.drawing.close();
      if (this.nv.volumes.length > 0) {
        this.nv.volumes = [];
        this.nv.back = null;
        this.nv.overlays = [];
      }
      this.nv.drawScene();
      return;
    }
    const shown: NVImage[] = [];
    for (const o of overlays) {
      const layer = o.visible ? this.layerFor(o) : undefined;
      if (!layer) continue;
      layer.image.opacity = o.style === 'contour' ? 1 : Math.min(1, Math.max(0, o.opacity));
      shown.push(layer.image);
    }
    const signature = [back, ...shown].map((img) => `${img.id}@${img.opacity}`).join('|');
    const isNewBack = !this.composed.startsWith(`${back.id}@`);
    if (isNewBack) {
      // The window for this image was sent while it loaded (same render as the image).
      back.cal_min = this.window.min;
      back.cal_max = this.window.max;
    }
    if (signature !== this.composed) {
      this.nv.volumes = [back, ...shown];
      this.nv.setVolume(back, 0);
      this.composed = signature;
    }
    if (isNewBack) {
      this.nv.scene.pan2Dxyzmm = [0, 0, 0, 1];
      if (this.pendingSlice !== null) this.setSlice(this.pendingSlice);
      this.pendingSlice = null;
    }
    const drawing = this.wanted.drawing;
    if (drawing && drawing.dims.join() === this.backSource?.dims.join()) {
      this.drawing.show(back, drawing);
    } else {
      this.drawing.close();
    }
    this.nv.drawScene();
    this.reportSlice();
  }
}
