/**
 * The drawing shortcuts of the Annotate workspace (listed in the help): tools by letter
 * as in image editors (B pen, E eraser, G fill, S grow-cut seed, Esc navigate), F filled
 * outline, [ and ] pen size, 1-9 the label drawn, R reviewed slice, I interpolate, and
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo. Off while typing in a field or when a
 * dialog is open, and outside the workspace.
 */
import { useEffect } from 'react';
import { useStudio, type DrawTool } from '../../store';
import { stepHistory, toggleSliceReviewed } from './label-edits';
import { drawableValues, drawingController } from './use-drawing';

const TOOL_KEYS: Record<string, DrawTool> = { b: 'pen', e: 'eraser', g: 'fill', s: 'seed' };

function typing(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName);
}

function onKey(e: KeyboardEvent): void {
  if (typing(e.target) || document.querySelector('dialog[open]')) return;
  const s = useStudio.getState();
  const name = s.selectedCase;
  const key = e.key.toLowerCase();
  if (e.ctrlKey || e.metaKey) {
    if (e.altKey || !name) return;
    if (key === 'z' || key === 'y') {
      e.preventDefault();
      stepHistory(name, key === 'y' || e.shiftKey ? 'redo' : 'undo');
    }
    return;
  }
  if (e.altKey) return;
  const tool = TOOL_KEYS[key];
  if (tool) s.setTool(tool);
  else if (e.key === 'Escape') s.setTool('none');
  else if (key === 'f') s.setFilledPen(!s.filledPen);
  else if (e.key === '[') s.setPenSize(s.penSize - 1);
  else if (e.key === ']') s.setPenSize(s.penSize + 1);
  else if (/^[1-9]$/.test(e.key)) {
    const value = drawableValues(s.labelTable.entries.map((x) => x.value))[Number(e.key) - 1];
    if (value === undefined) return;
    s.setPenValue(value);
  } else if (key === 'r') {
    if (name && s.cursorSlice !== null) toggleSliceReviewed(name, s.cursorSlice);
  } else if (key === 'i') drawingController.interpolate();
  else return;
  e.preventDefault();
}

export function useAnnotateShortcuts(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
