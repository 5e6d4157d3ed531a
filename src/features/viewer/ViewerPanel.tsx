/**
 * The image viewer: a Niivue canvas with the case image and its overlays (manual label,
 * predictions), a toolbar for layout, slice and window, per-overlay controls and a colour
 * legend. Driven by props only; the caller decides where the state lives. With a
 * `drawing`, a label is shown through Niivue's drawing layer and the mouse edits it.
 *
 * For tests the root element carries `data-slice` (axial index shown), `data-slice-count`
 * and `data-loaded` ("true" once exactly the current image and overlays are drawn), and
 * `window.__segstudioViewer.snapshot()` returns a PNG of the view.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Volume } from '../../io/volume';
import { OverlayControls } from './OverlayControls';
import { exposeViewerTestHook } from './test-hook';
import type { IntensityWindow, OverlayChange, ViewerLayout, ViewerOverlay } from './types';
import { useDisplayWindow, useOverlaySettings, useSceneSync } from './viewer-hooks';
import { useViewerScene } from './use-viewer-scene';
import { useDrawingSync, type ViewerDrawing } from './use-drawing-sync';
import { ViewerLegend } from './ViewerLegend';
import { ViewerToolbar } from './ViewerToolbar';
import './viewer.css';

export type {
  IntensityWindow,
  LabelColormap,
  OverlayChange,
  ViewerLayout,
  ViewerOverlay,
} from './types';
export type { ViewerDrawing } from './use-drawing-sync';

export interface ViewerPanelProps {
  image: Volume | null;
  /** Case name: shown on the canvas' label and used to name the layers. */
  imageName: string;
  overlays: readonly ViewerOverlay[];
  layout: ViewerLayout;
  onLayoutChange?: (layout: ViewerLayout) => void;
  /** Axial slice to show (0-based, clamped). Omit to let the viewer keep its own position. */
  sliceIndex?: number;
  /** Called with every axial slice shown: after loading, scrolling, keys or the slider. */
  onSliceChange?: (k: number) => void;
  /** Display window. Omit to use the automatic 1st-99th percentile window and user edits. */
  window?: IntensityWindow;
  /** Called when the user changes the window (inputs, Auto, right-drag, double-click). */
  onWindowChange?: (w: IntensityWindow) => void;
  /**
   * Called when the user toggles, fades or restyles an overlay. The viewer shows the change
   * at once and keeps it until the props change that same setting (so a caller may take up
   * some settings, e.g. into a store, and leave the others to the viewer).
   */
  onOverlayChange?: (id: string, change: OverlayChange) => void;
  /** A label to edit with the mouse, shown over the image in place of a label overlay. */
  drawing?: ViewerDrawing;
  /**
   * Overlays still to come (e.g. "Prediction" before a model has predicted): each keeps its
   * row, so the canvas does not shrink when the overlay arrives.
   */
  pendingOverlays?: readonly string[];
}

/** What the scene last finished drawing; compared by identity with the current props. */
interface Drawn {
  image: Volume | null;
  overlays: readonly ViewerOverlay[];
}

const SLICE_KEYS: Record<string, number> = { ArrowUp: 1, PageUp: 1, ArrowDown: -1, PageDown: -1 };

function isFormControl(target: EventTarget): boolean {
  return (
    target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA|BUTTON|OUTPUT)$/.test(target.tagName)
  );
}

export function ViewerPanel(props: ViewerPanelProps) {
  const { image, imageName, layout, onSliceChange } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const [slice, setSlice] = useState<{ index: number; count: number } | null>(null);
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [sceneError, setSceneError] = useState<string | null>(null);
  const [sourceSlice, setSourceSlice] = useState<number | null>(null);
  const { auto, displayWindow, changeWindow } = useDisplayWindow(
    image,
    props.window,
    props.onWindowChange,
  );
  const { shown, changeOverlay } = useOverlaySettings(props.overlays, props.onOverlayChange);

  const { scene, error: startError } = useViewerScene(hostRef, {
    onSlice: (index, count) => {
      setSlice({ index, count });
      onSliceChange?.(index);
    },
    onWindow: changeWindow,
    onDrawn: (img, ovl) => {
      setSceneError(null);
      setDrawn({ image: img, overlays: ovl });
    },
    onError: setSceneError,
    onDrawingEdit: (edit) => props.drawing?.onEdit(edit),
    onSourceSlice: setSourceSlice,
  });
  // Reported also when editing starts on a slice already shown.
  const onSourceSlice = props.drawing?.onSourceSlice;
  useEffect(() => {
    if (sourceSlice !== null) onSourceSlice?.(sourceSlice);
  }, [sourceSlice, onSourceSlice]);
  useDrawingSync(scene, image, props.drawing);
  useSceneSync(scene, {
    image,
    imageName,
    auto,
    overlays: shown,
    window: displayWindow,
    layout,
    sliceIndex: props.sliceIndex,
  });
  useEffect(() => {
    if (scene)
      return exposeViewerTestHook({
        snapshot: () => scene.snapshot(),
        voxelToClient: (i, j, k) => scene.voxelToClient([i, j, k]),
      });
  }, [scene]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const step = SLICE_KEYS[e.key];
    if (!step || !scene || isFormControl(e.target)) return;
    e.preventDefault();
    scene.stepSlice(step);
  };

  const drawingColormap = props.drawing?.colormap;
  // The label being edited has its classes in the legend as an overlay would.
  const legend = useMemo(
    (): readonly ViewerOverlay[] =>
      image && drawingColormap
        ? [
            ...shown,
            {
              id: 'drawing',
              label: 'Label being edited',
              volume: image,
              style: 'filled',
              color: [255, 255, 0],
              colormap: drawingColormap,
              opacity: 1,
              visible: true,
            },
          ]
        : shown,
    [image, drawingColormap, shown],
  );
  const loaded = image !== null && drawn?.image === image && drawn.overlays === shown;
  const error = startError ?? sceneError;
  return (
    <section
      className="viewer"
      aria-label={imageName ? `Viewer: ${imageName}` : 'Viewer'}
      data-slice={image && slice ? slice.index : undefined}
      data-slice-count={image && slice ? slice.count : undefined}
      data-loaded={String(loaded)}
      data-drawing={props.drawing ? 'true' : undefined}
      onKeyDown={onKeyDown}
    >
      <ViewerToolbar
        layout={layout}
        onLayoutChange={props.onLayoutChange}
        slice={image ? slice : null}
        onSlice={(k) => scene?.setSlice(k)}
        window={displayWindow}
        onWindow={changeWindow}
        onAutoWindow={() => auto && changeWindow(auto)}
      />
      <OverlayControls
        overlays={shown}
        pending={props.pendingOverlays ?? []}
        onChange={changeOverlay}
      />
      <div className="viewer-canvas">
        <div className="viewer-canvas-host" ref={hostRef} />
        {!image && !error && <p className="viewer-message">No image selected</p>}
        {error && (
          <p className="viewer-message" role="alert">
            {error}
          </p>
        )}
      </div>
      <ViewerLegend overlays={legend} />
    </section>
  );
}
