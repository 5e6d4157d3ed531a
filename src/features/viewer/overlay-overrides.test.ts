import { describe, it, expect } from 'vitest';
import type { Volume } from '../../io/volume';
import { applyOverrides, pruneOverrides, recordChange } from './overlay-overrides';
import type { ViewerOverlay } from './types';

const vol: Volume = {
  dims: [1, 1, 1],
  spacing: [1, 1, 1],
  data: new Float32Array(1),
  sourceType: 'uint8',
  affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
};

function overlay(over: Partial<ViewerOverlay> = {}): ViewerOverlay {
  return {
    id: 'manual',
    label: 'Manual label',
    volume: vol,
    style: 'filled',
    color: [255, 255, 0],
    opacity: 0.45,
    visible: true,
    ...over,
  };
}

describe('overlay overrides', () => {
  it('applies a change the caller does not take up, across unrelated prop updates', () => {
    const props = [overlay()];
    let ov = recordChange({}, props[0], { style: 'contour' });
    expect(applyOverrides(props, ov)[0]).toMatchObject({ style: 'contour', opacity: 0.45 });
    // The caller re-creates its overlays with another opacity: the style change stays.
    const next = [overlay({ opacity: 0.7 })];
    ov = pruneOverrides(ov, next);
    expect(applyOverrides(next, ov)[0]).toMatchObject({ style: 'contour', opacity: 0.7 });
  });

  it('lets the props win for good once they change the same setting', () => {
    let ov = recordChange({}, overlay(), { visible: false });
    expect(applyOverrides([overlay()], ov)[0].visible).toBe(false);
    // The caller takes the change up...
    ov = pruneOverrides(ov, [overlay({ visible: false })]);
    expect(ov.manual.visible).toBeUndefined();
    // ...and a later shortcut that shows it again is not undone by the old change.
    expect(applyOverrides([overlay({ visible: true })], ov)[0].visible).toBe(true);
  });

  it('forgets overlays that are gone and keeps identity when nothing changes', () => {
    const props = [overlay(), overlay({ id: 'pred', label: 'Prediction' })];
    expect(applyOverrides(props, {})).toBe(props);
    const ov = recordChange({}, props[1], { visible: false });
    expect(pruneOverrides(ov, props)).toBe(ov);
    const shown = applyOverrides(props, ov);
    expect(shown).not.toBe(props);
    expect(shown[0]).toBe(props[0]);
    expect(shown[1].visible).toBe(false);
    expect(pruneOverrides(ov, [props[0]])).toEqual({});
    // A change to the value already shown has no effect.
    expect(applyOverrides(props, recordChange({}, props[0], { opacity: 0.45 }))).toBe(props);
  });
});
