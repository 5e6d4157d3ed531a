/**
 * The colour key under the image: each visible overlay, and each class of a label map.
 * The bar stays in place when everything is hidden so that the canvas does not resize.
 */
import { cssColor } from './colors';
import { legendEntries } from './overlay-layers';
import type { ViewerOverlay } from './types';

export function ViewerLegend({ overlays }: { overlays: readonly ViewerOverlay[] }) {
  const rows = legendEntries(overlays);
  return (
    <ul className="viewer-legend" aria-label="Legend">
      {rows.map((r) => (
        <li key={r.key} className={r.parent ? 'viewer-legend-class' : undefined}>
          {r.color && (
            <span
              className="viewer-swatch"
              style={{ background: cssColor(r.color) }}
              aria-hidden="true"
            />
          )}
          {r.label}
        </li>
      ))}
    </ul>
  );
}
