/**
 * A tiny window hook for end-to-end tests: a PNG of exactly what the viewer shows, taken
 * right after a fresh render, so tests can check overlay pixels without racing the GPU,
 * and where a voxel is on the page, so they can draw on given anatomy with the mouse.
 */

/** What `window.__segstudioViewer` offers. */
export interface ViewerTestHook {
  /** PNG data URL of the current view (the viewer mounted last). */
  snapshot(): string;
  /** Page coordinates of voxel (i, j, k) of the image shown, or null when off screen. */
  voxelToClient(i: number, j: number, k: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __segstudioViewer?: ViewerTestHook;
  }
}

/** Installs the hook; the returned function removes it unless a newer viewer replaced it. */
export function exposeViewerTestHook(hook: ViewerTestHook): () => void {
  window.__segstudioViewer = hook;
  return () => {
    if (window.__segstudioViewer === hook) delete window.__segstudioViewer;
  };
}
