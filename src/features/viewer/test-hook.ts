/**
 * A tiny window hook for end-to-end tests: a PNG of exactly what the viewer shows, taken
 * right after a fresh render, so tests can check overlay pixels without racing the GPU.
 */

/** What `window.__segstudioViewer` offers. */
export interface ViewerTestHook {
  /** PNG data URL of the current view (the viewer mounted last). */
  snapshot(): string;
}

declare global {
  interface Window {
    __segstudioViewer?: ViewerTestHook;
  }
}

/** Installs the hook; the returned function removes it unless a newer viewer replaced it. */
export function exposeViewerTestHook(snapshot: () => string): () => void {
  const hook: ViewerTestHook = { snapshot };
  window.__segstudioViewer = hook;
  return () => {
    if (window.__segstudioViewer === hook) delete window.__segstudioViewer;
  };
}
