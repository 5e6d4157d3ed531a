/** The studio's keyboard shortcuts, listed once for the handler and the help dialog. */
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
