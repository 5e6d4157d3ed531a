/**
 * The viewer's top bar: layout, axial slice and intensity window. Every control has an
 * accessible name, which is also how the end-to-end tests find them.
 */
import { useState } from 'react';
import type { IntensityWindow, ViewerLayout } from './types';

const LAYOUTS: { value: ViewerLayout; label: string }[] = [
  { value: 'multiplanar', label: 'Multiplanar' },
  { value: 'axial', label: 'Axial' },
  { value: 'coronal', label: 'Coronal' },
  { value: 'sagittal', label: 'Sagittal' },
];

export interface ViewerToolbarProps {
  layout: ViewerLayout;
  onLayoutChange?: (layout: ViewerLayout) => void;
  /** Current axial slice (0-based) and slice count; null before an image is shown. */
  slice: { index: number; count: number } | null;
  onSlice: (k: number) => void;
  window: IntensityWindow | null;
  onWindow: (w: IntensityWindow) => void;
  onAutoWindow: () => void;
}

function shown(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/**
 * A number input that commits each valid value as it is typed but keeps the text the
 * user is editing, so intermediate states ("", "-", "1e") do not jump back.
 */
function NumberField(props: {
  label: string;
  value: number;
  accept: (v: number) => void;
  disabled: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      step="any"
      aria-label={props.label}
      disabled={props.disabled}
      value={draft ?? shown(props.value)}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = e.target.valueAsNumber;
        if (Number.isFinite(v)) props.accept(v);
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setDraft(null);
      }}
    />
  );
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { slice, window: win } = props;
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer controls">
      <label>
        Layout{' '}
        <select
          aria-label="Layout"
          value={props.layout}
          disabled={!props.onLayoutChange}
          onChange={(e) => props.onLayoutChange?.(e.target.value as ViewerLayout)}
        >
          {LAYOUTS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <label className="viewer-slice">
        Slice{' '}
        <input
          type="range"
          aria-label="Slice"
          min={0}
          max={slice ? slice.count - 1 : 0}
          step={1}
          value={slice?.index ?? 0}
          disabled={!slice}
          aria-valuetext={slice ? `${slice.index + 1} of ${slice.count}` : 'no image'}
          onChange={(e) => props.onSlice(e.target.valueAsNumber)}
        />
        <output aria-label="Slice position">
          {slice ? `${slice.index + 1} / ${slice.count}` : '–'}
        </output>
      </label>
      <span className="viewer-window">
        Window{' '}
        <NumberField
          label="Window min"
          value={win?.min ?? 0}
          disabled={!win}
          accept={(min) => {
            if (win && min < win.max) props.onWindow({ min, max: win.max });
          }}
        />
        <NumberField
          label="Window max"
          value={win?.max ?? 1}
          disabled={!win}
          accept={(max) => {
            if (win && max > win.min) props.onWindow({ min: win.min, max });
          }}
        />
        <button
          type="button"
          onClick={props.onAutoWindow}
          disabled={!win}
          title="1st to 99th percentile"
        >
          Auto window
        </button>
      </span>
    </div>
  );
}
