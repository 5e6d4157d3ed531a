/**
 * Global single-key shortcuts (listed in the help dialog). Ignored while typing in a
 * form field so that numbers can be entered normally.
 */
import { useEffect } from 'react';
import { useStudio } from '../store';

export function useShortcuts(onTogglePause: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA'))
        return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useStudio.getState();
      switch (e.key.toLowerCase()) {
        case 'l':
          s.toggleLabel();
          break;
        case 'p':
          s.togglePrediction();
          break;
        case 'c':
          s.setLabelStyle(s.labelStyle === 'filled' ? 'contour' : 'filled');
          break;
        case ' ':
          if (t?.tagName === 'BUTTON') return;
          e.preventDefault();
          onTogglePause();
          break;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onTogglePause]);
}
