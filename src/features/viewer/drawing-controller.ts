/**
 * A handle on the viewer's drawing for the controls outside it: the annotation toolbar
 * runs the assists through it without reaching into the viewer's Niivue scene. The
 * viewer attaches its drawing layer while it shows one; otherwise every call is a no-op.
 */
import type { DrawingLayer } from './drawing';

export class DrawingController {
  private layer: DrawingLayer | null = null;

  /** Connects a drawing layer; the returned function disconnects it. */
  attach(layer: DrawingLayer): () => void {
    this.layer = layer;
    return () => {
      if (this.layer === layer) this.layer = null;
    };
  }

  /** Whether a label is on screen for editing. */
  get ready(): boolean {
    return this.layer?.active === true;
  }

  /** Otsu's threshold on the current slice (see DrawingLayer.otsu); false if nothing changed. */
  otsu(): boolean {
    return this.layer?.otsu() ?? false;
  }

  /** Grow-cut from the drawn labels and background seeds; false if nothing changed. */
  growCut(): boolean {
    return this.layer?.growCut() ?? false;
  }

  /** Fills empty slices between drawn ones; false if nothing changed. */
  interpolate(): boolean {
    return this.layer?.interpolate() ?? false;
  }

  /** The image's own slice under the crosshair, or null without an image. */
  sourceSlice(): number | null {
    return this.layer?.sourceSlice() ?? null;
  }
}
