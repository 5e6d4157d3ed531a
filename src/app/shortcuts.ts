/**
 * The studio's keyboard shortcuts, listed once for the help dialog (the handlers are
 * app/use-shortcuts.ts and, in the Annotate workspace, annotate/use-annotate-shortcuts.ts).
 */
export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: '↑ / ↓ or PageUp / PageDown', action: 'Previous / next slice (viewer focused)' },
  { keys: 'Mouse wheel', action: 'Step through slices' },
  { keys: 'Right-drag', action: 'Window / level' },
  { keys: 'L', action: 'Show / hide the manual label' },
  { keys: 'P', action: 'Show / hide the prediction' },
  { keys: 'C', action: 'Label drawn filled or as a contour' },
  { keys: 'Space', action: 'Pause / resume training' },
];

/** Drawing shortcuts, active in the Annotate workspace. */
export const ANNOTATE_SHORTCUTS: Shortcut[] = [
  { keys: 'B', action: 'Pen: draw the chosen label' },
  { keys: 'E', action: 'Eraser' },
  { keys: 'G', action: 'Fill: click a region of the slice to fill it' },
  { keys: 'S', action: 'Background seed for grow-cut' },
  { keys: 'Esc', action: 'Navigate: the mouse moves the crosshair' },
  { keys: 'F', action: 'Fill the outline a pen stroke draws (filled pen)' },
  { keys: '[ / ]', action: 'Smaller / larger pen' },
  { keys: '1 – 9', action: 'Draw the 1st – 9th label of the dataset' },
  { keys: 'R', action: 'Mark the slice reviewed / not reviewed' },
  { keys: 'I', action: 'Interpolate the empty slices between drawn ones' },
  { keys: 'Ctrl+Z', action: 'Undo the last edit' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
];
