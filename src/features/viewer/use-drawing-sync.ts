/**
 * Keeps the scene's drawing layer in step with the viewer's `drawing` prop: which label
 * is edited, its colours and opacity, the tool, and the controller that runs assists.
 */
import { useEffect, useMemo } from 'react';
import type { Volume } from '../../io/volume';
import type { DrawingController } from './drawing-controller';
import type { DrawingSource } from './drawing';
import type { DrawToolSettings, DrawnEdit, LabelColormap } from './types';
import type { ViewerScene } from './viewer-scene';

/** A label to edit on the viewer's image, and what to do with the edits. */
export interface ViewerDrawing {
  /** The label being edited (on the image's grid), or null to start from an empty one. */
  label: Volume | null;
  /** Names and colours of the label values. */
  colormap: LabelColormap;
  /** 0-1 */
  opacity: number;
  tool: DrawToolSettings;
  onEdit: (edit: DrawnEdit) => void;
  /** The image's own slice under the crosshair, as it moves. */
  onSourceSlice?: (k: number) => void;
  controller?: DrawingController;
}

export function useDrawingSync(
  scene: ViewerScene | null,
  image: Volume | null,
  drawing: ViewerDrawing | undefined,
): void {
  const label = drawing?.label ?? null;
  const on = drawing !== undefined;
  const source = useMemo(
    (): DrawingSource | null =>
      on && image && (!label || label.dims.join() === image.dims.join())
        ? { dims: image.dims, label: label?.data ?? null }
        : null,
    [on, image, label],
  );
  useEffect(() => {
    scene?.setDrawing(source);
  }, [scene, source]);
  const colormap = drawing?.colormap;
  const opacity = drawing?.opacity ?? 0.5;
  useEffect(() => {
    if (scene && colormap) scene.drawing.setStyle(colormap, opacity);
  }, [scene, colormap, opacity]);
  const { tool = 'none', value = 1, penSize = 1, filled = false } = drawing?.tool ?? {};
  useEffect(() => {
    scene?.drawing.setTool({ tool, value, penSize, filled });
  }, [scene, tool, value, penSize, filled]);
  const controller = drawing?.controller;
  useEffect(() => {
    if (scene && controller) return controller.attach(scene.drawing);
  }, [scene, controller]);
}
