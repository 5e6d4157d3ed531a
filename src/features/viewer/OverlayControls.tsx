/**
 * One row of controls per overlay: show/hide, opacity and filled/contour. Names are built
 * from the overlay's label ("Show Manual label", "Manual label opacity", "Manual label
 * style") so that callers decide how controls are found.
 */
import { cssColor } from './colors';
import type { OverlayChange, OverlayStyle, ViewerOverlay } from './types';

export interface OverlayControlsProps {
  overlays: readonly ViewerOverlay[];
  /** Labels of overlays not there yet: a muted row each, holding its place. */
  pending?: readonly string[];
  onChange: (id: string, change: OverlayChange) => void;
}

export function OverlayControls({ overlays, pending = [], onChange }: OverlayControlsProps) {
  if (overlays.length === 0 && pending.length === 0) return null;
  return (
    <div className="viewer-overlays" role="group" aria-label="Overlays">
      {overlays.map((o) => (
        <div className="viewer-overlay" key={o.id}>
          <label>
            <input
              type="checkbox"
              checked={o.visible}
              onChange={(e) => onChange(o.id, { visible: e.target.checked })}
            />
            {!o.colormap?.length && (
              <span
                className="viewer-swatch"
                style={{ background: cssColor(o.color) }}
                aria-hidden="true"
              />
            )}
            Show {o.label}
          </label>
          <input
            type="range"
            aria-label={`${o.label} opacity`}
            min={0}
            max={1}
            step={0.05}
            value={o.style === 'contour' ? 1 : o.opacity}
            disabled={!o.visible || o.style === 'contour'}
            title={o.style === 'contour' ? 'Contours are drawn opaque' : undefined}
            onChange={(e) => onChange(o.id, { opacity: e.target.valueAsNumber })}
          />
          <select
            aria-label={`${o.label} style`}
            value={o.style}
            onChange={(e) => onChange(o.id, { style: e.target.value as OverlayStyle })}
          >
            <option value="filled">Filled</option>
            <option value="contour">Contour</option>
          </select>
        </div>
      ))}
      {pending.map((label) => (
        <div className="viewer-overlay pending muted" key={`pending-${label}`}>
          {label}: none yet
        </div>
      ))}
    </div>
  );
}
