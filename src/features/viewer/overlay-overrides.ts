/**
 * The user's overlay changes (show/hide, opacity, style) layered over the caller's props.
 * A caller may take up some settings (e.g. the manual label's visibility in a store) and
 * not others; each change is kept with the prop value it replaced and is dropped for good
 * as soon as that prop changes, so the caller's later word (a keyboard shortcut, a new
 * case) always wins.
 */
import type { OverlayChange, ViewerOverlay } from './types';

type Setting = keyof OverlayChange;
const SETTINGS: readonly Setting[] = ['visible', 'opacity', 'style'];

interface Override<K extends Setting> {
  value: ViewerOverlay[K];
  /** The prop value when the user made the change. */
  base: ViewerOverlay[K];
}

/** Per overlay id, the settings the user changed. */
export type Overrides = Record<string, { [K in Setting]?: Override<K> }>;

/** Records a change the user made to `overlay` (as displayed from `props`). */
export function recordChange(
  overrides: Overrides,
  props: ViewerOverlay,
  change: OverlayChange,
): Overrides {
  const next = { ...overrides[props.id] };
  if (change.visible !== undefined) next.visible = { value: change.visible, base: props.visible };
  if (change.opacity !== undefined) next.opacity = { value: change.opacity, base: props.opacity };
  if (change.style !== undefined) next.style = { value: change.style, base: props.style };
  return { ...overrides, [props.id]: next };
}

function lapsed<K extends Setting>(o: ViewerOverlay, ov: Override<K> | undefined, key: K) {
  return ov !== undefined && ov.base !== o[key];
}

/**
 * Drops the overrides whose prop has changed since (and those of overlays that are gone).
 * Returns the same object when nothing is dropped.
 */
export function pruneOverrides(
  overrides: Overrides,
  overlays: readonly ViewerOverlay[],
): Overrides {
  let changed = false;
  const next: Overrides = {};
  for (const [id, ov] of Object.entries(overrides)) {
    const o = overlays.find((x) => x.id === id);
    if (!o) {
      changed = true;
      continue;
    }
    const kept = { ...ov };
    for (const k of SETTINGS) {
      if (lapsed(o, kept[k] as Override<typeof k> | undefined, k)) {
        delete kept[k];
        changed = true;
      }
    }
    next[id] = kept;
  }
  return changed ? next : overrides;
}

function overridden<K extends Setting>(o: ViewerOverlay, ov: Override<K> | undefined, key: K) {
  return ov !== undefined && ov.base === o[key] && ov.value !== o[key];
}

/**
 * The overlays with the still-valid overrides applied. Returns the same array when none
 * applies, so that identity comparisons downstream (what was drawn) stay meaningful.
 */
export function applyOverrides(
  overlays: readonly ViewerOverlay[],
  overrides: Overrides,
): readonly ViewerOverlay[] {
  let changed = false;
  const out = overlays.map((o) => {
    const ov = overrides[o.id];
    if (!ov || !SETTINGS.some((k) => overridden(o, ov[k] as Override<typeof k>, k))) return o;
    changed = true;
    return {
      ...o,
      visible: overridden(o, ov.visible, 'visible') ? ov.visible!.value : o.visible,
      opacity: overridden(o, ov.opacity, 'opacity') ? ov.opacity!.value : o.opacity,
      style: overridden(o, ov.style, 'style') ? ov.style!.value : o.style,
    };
  });
  return changed ? out : overlays;
}
