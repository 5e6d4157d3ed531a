/**
 * Types the viewer shares with its callers. Kept apart from the components so that the
 * pure helpers (colours, contours, windowing) can use them without pulling in React or
 * Niivue.
 */
import type { Volume } from '../../io/volume';

/** An RGB colour, each channel 0-255. */
export type Rgb = readonly [number, number, number];

/** One class of a multi-class label map: its value, display name and colour. */
export interface LabelClass {
  value: number;
  name: string;
  color: Rgb;
}

/** Lookup table from label value to name and colour. Value 0 (background) is never drawn. */
export type LabelColormap = readonly LabelClass[];

/** How the viewer arranges the planes. */
export type ViewerLayout = 'multiplanar' | 'axial' | 'coronal' | 'sagittal';

/** How a mask is drawn: filled with its opacity, or as an opaque in-plane outline. */
export type OverlayStyle = 'filled' | 'contour';

/** Display range of the image: values <= min are black, values >= max are white. */
export interface IntensityWindow {
  min: number;
  max: number;
}

/** A mask or label map drawn over the image. */
export interface ViewerOverlay {
  /** Stable identity; the viewer reuses the GPU layer while the id and volume stay the same. */
  id: string;
  /** Shown in the legend and in the controls' accessible names ("Show <label>"). */
  label: string;
  /** Same grid as the image (canonical RAS voxel order). */
  volume: Volume;
  style: OverlayStyle;
  /** Colour of every non-zero voxel when no colormap is given. */
  color: Rgb;
  /** Per-value colours for a multi-class label map; takes precedence over `color`. */
  colormap?: LabelColormap;
  /** 0-1, used by the filled style; contours are always opaque. */
  opacity: number;
  visible: boolean;
}

/** A change the user made to one overlay through the viewer's controls. */
export type OverlayChange = Partial<Pick<ViewerOverlay, 'visible' | 'opacity' | 'style'>>;

/**
 * What the mouse does on the image while a label is edited: pen / eraser draw or erase,
 * fill paints the connected region clicked, seed marks background for grow-cut, none
 * leaves the mouse to navigation.
 */
export type DrawTool = 'pen' | 'eraser' | 'fill' | 'seed' | 'none';

/** The drawing tool and its settings. */
export interface DrawToolSettings {
  tool: DrawTool;
  /** Label value the pen and fill draw. */
  value: number;
  /** Pen width in voxels. */
  penSize: number;
  /** A pen outline is filled when the stroke ends. */
  filled: boolean;
}

/** A change the user made to the label being edited. */
export interface DrawnEdit {
  /** The whole label on the volume's grid, in the volume's voxel order (as `Volume.data`). */
  data: Uint8Array<ArrayBuffer>;
  /** Drawn by hand (pen, eraser, fill), as against produced by an assist. */
  manual: boolean;
}
