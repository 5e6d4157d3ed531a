/**
 * The viewer's prop-or-local state (window, overlay settings) and the effects that keep
 * the Niivue scene in step with the props. Split from the component so that each piece
 * reads on its own; the component only composes them.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Volume } from '../../io/volume';
import { autoWindow } from './intensity-window';
import { applyOverrides, pruneOverrides, recordChange, type Overrides } from './overlay-overrides';
import type { IntensityWindow, OverlayChange, ViewerLayout, ViewerOverlay } from './types';
import type { ViewerScene } from './viewer-scene';

/**
 * The window on display: the caller's if given, else the user's last edit for this
 * image, else the automatic 1st-99th percentile window of the image.
 */
export function useDisplayWindow(
  image: Volume | null,
  controlled: IntensityWindow | undefined,
  onWindowChange: ((w: IntensityWindow) => void) | undefined,
) {
  // Keyed by image so that an edit never carries over to the next case.
  const [edited, setEdited] = useState<{ image: Volume; window: IntensityWindow } | null>(null);
  const auto = useMemo(() => (image ? autoWindow(image.data) : null), [image]);
  const displayWindow = controlled ?? (edited && edited.image === image ? edited.window : auto);
  const changeWindow = (w: IntensityWindow) => {
    if (!image) return;
    setEdited({ image, window: w });
    onWindowChange?.(w);
  };
  return { auto, displayWindow, changeWindow };
}

/**
 * The overlays as displayed: the props, with the user's changes that the caller has not
 * (yet) reflected in them. Every change is also reported through `onOverlayChange`.
 */
export function useOverlaySettings(
  overlays: readonly ViewerOverlay[],
  onOverlayChange: ((id: string, change: OverlayChange) => void) | undefined,
) {
  const [overrides, setOverrides] = useState<Overrides>({});
  const [seen, setSeen] = useState(overlays);
  if (seen !== overlays) {
    // New props: drop the overrides they supersede (derived state, updated while rendering).
    setSeen(overlays);
    setOverrides(pruneOverrides(overrides, overlays));
  }
  const shown = useMemo(() => applyOverrides(overlays, overrides), [overlays, overrides]);
  const changeOverlay = (id: string, change: OverlayChange) => {
    const props = overlays.find((o) => o.id === id);
    if (props) setOverrides((all) => recordChange(all, props, change));
    onOverlayChange?.(id, change);
  };
  return { shown, changeOverlay };
}

export interface SceneProps {
  image: Volume | null;
  imageName: string;
  auto: IntensityWindow | null;
  overlays: readonly ViewerOverlay[];
  window: IntensityWindow | null;
  layout: ViewerLayout;
  sliceIndex: number | undefined;
}

/** Pushes prop changes into the scene; each effect runs only when its own inputs change. */
export function useSceneSync(scene: ViewerScene | null, p: SceneProps): void {
  const { image, imageName, auto, overlays, layout, sliceIndex } = p;
  // Order matters: content first, so that the window and slice below apply to it.
  useEffect(() => {
    scene?.setContent(image, imageName, auto ?? { min: 0, max: 1 }, overlays);
  }, [scene, image, imageName, auto, overlays]);
  const winMin = p.window?.min;
  const winMax = p.window?.max;
  useEffect(() => {
    if (winMin !== undefined && winMax !== undefined)
      scene?.setWindow({ min: winMin, max: winMax });
  }, [scene, winMin, winMax]);
  useEffect(() => {
    scene?.setLayout(layout);
  }, [scene, layout]);
  // The image is a dependency so that a controlled slice is re-applied to a new case.
  useEffect(() => {
    if (sliceIndex !== undefined) scene?.setSlice(sliceIndex);
  }, [scene, sliceIndex, image]);
}
