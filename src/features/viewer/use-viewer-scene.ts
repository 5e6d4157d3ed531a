/**
 * Owns the viewer's Niivue scene for the lifetime of the component: created once on
 * mount, released (WebGL context included) on unmount, never re-created on re-render.
 * Event handlers are read through a ref so that new closures on each render do not
 * tear the scene down.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { ViewerScene, type SceneEvents } from './viewer-scene';

export function useViewerScene(
  host: RefObject<HTMLDivElement | null>,
  events: SceneEvents,
): { scene: ViewerScene | null; error: string | null } {
  const eventsRef = useRef(events);
  useLayoutEffect(() => {
    eventsRef.current = events;
  });
  const [scene, setScene] = useState<ViewerScene | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const abort = new AbortController();
    let created: ViewerScene | null = null;
    const relay: SceneEvents = {
      onSlice: (index, count) => eventsRef.current.onSlice(index, count),
      onWindow: (w) => eventsRef.current.onWindow(w),
      onDrawn: (image, overlays) => eventsRef.current.onDrawn(image, overlays),
      onError: (message) => eventsRef.current.onError(message),
      onDrawingEdit: (edit) => eventsRef.current.onDrawingEdit?.(edit),
      onSourceSlice: (k) => eventsRef.current.onSourceSlice?.(k),
    };
    void ViewerScene.create(el, relay, abort.signal).then(
      (s) => {
        created = s;
        setScene(s);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      abort.abort();
      created?.dispose();
      setScene(null);
    };
  }, [host]);

  return { scene, error };
}
