import { describe, it, expect } from 'vitest';
import type { Volume } from '../../io/volume';
import { labelColormap as valueColormap, structureColor } from './colors';

const PELVIS: Record<number, string> = { 1: 'body', 3: 'bladder', 5: 'prostate' };
/** A colormap named like the built-in sample's label table. */
const labelColormap = (values: number[]) =>
  valueColormap(values, (v) => ({
    name: PELVIS[v] ?? `label ${v}`,
    color: structureColor(PELVIS[v] ?? '', v),
  }));
import { legendEntries, overlayLayer } from './overlay-layers';
import type { ViewerOverlay } from './types';

function grid(values: number[], nx: number, ny: number): Volume {
  return {
    dims: [nx, ny, 1],
    spacing: [1, 1, 1],
    data: Float32Array.from(values),
    sourceType: 'float32',
    affine: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
  };
}

// 5x5 slice: a 3x3 block of 3 (bladder) with a 5 (prostate) at the centre.
const LABELS = grid(
  [0, 0, 0, 0, 0, 0, 3, 3, 3, 0, 0, 3, 5, 3, 0, 0, 3, 3, 3, 0, 0, 0, 0, 0, 0],
  5,
  5,
);

function overlay(over: Partial<ViewerOverlay>): ViewerOverlay {
  return {
    id: 'manual',
    label: 'Manual label',
    volume: LABELS,
    style: 'filled',
    color: [255, 255, 0],
    opacity: 0.5,
    visible: true,
    ...over,
  };
}

describe('overlayLayer', () => {
  it('binarises a single-colour mask and colours value 1', () => {
    const layer = overlayLayer(overlay({}));
    expect([...layer.volume.data].filter((v) => v === 1)).toHaveLength(9);
    expect(Math.max(...layer.volume.data)).toBe(1);
    expect(layer.lut.I).toEqual([0, 1]);
    expect([layer.lut.R[1], layer.lut.G[1], layer.lut.B[1], layer.lut.A[1]]).toEqual([
      255, 255, 0, 255,
    ]);
    expect(layer.lut.A[0]).toBe(0);
  });

  it('draws only the boundary in contour style', () => {
    const layer = overlayLayer(overlay({ style: 'contour', color: [255, 0, 0] }));
    // The block's ring is 8 voxels; its centre is interior.
    expect([...layer.volume.data].filter((v) => v === 1)).toHaveLength(8);
    expect(layer.volume.data[12]).toBe(0);
    expect(layer.lut.R[1]).toBe(255);
  });

  it('keeps class values and gives each its colour for multi-class maps', () => {
    const colormap = labelColormap([0, 3, 5]);
    const layer = overlayLayer(overlay({ colormap }));
    expect(layer.maxValue).toBe(5);
    expect(layer.volume.data[12]).toBe(5);
    expect(layer.volume.data[6]).toBe(3);
    // Every value up to the maximum has an entry; unlisted values get generated colours.
    expect(layer.lut.I).toEqual([0, 1, 2, 3, 4, 5]);
    const at = (v: number) => {
      const i = layer.lut.I.indexOf(v);
      return [layer.lut.R[i], layer.lut.G[i], layer.lut.B[i]];
    };
    expect(at(3)).toEqual([...colormap![0].color]);
    expect(at(5)).toEqual([...colormap![1].color]);
    expect(layer.lut.labels[5]).toBe('prostate');
  });

  it('outlines every class in a multi-class contour', () => {
    const layer = overlayLayer(overlay({ colormap: labelColormap([3, 5]), style: 'contour' }));
    // The centre 5 touches 3s on all sides, so it is a boundary of its own class.
    expect(layer.volume.data[12]).toBe(5);
    expect([...layer.volume.data].filter((v) => v === 3)).toHaveLength(8);
  });
});

describe('legendEntries', () => {
  it('lists visible overlays and the classes of multi-class ones', () => {
    const rows = legendEntries([
      overlay({ colormap: labelColormap([1, 5]) }),
      overlay({ id: 'pred', label: 'Prediction', color: [255, 0, 0] }),
      overlay({ id: 'hidden', label: 'Hidden', visible: false }),
    ]);
    expect(rows.map((r) => r.label)).toEqual(['Manual label', 'body', 'prostate', 'Prediction']);
    expect(rows[0].color).toBeUndefined();
    expect(rows[2]).toMatchObject({ parent: 'manual', color: [255, 255, 0] });
    expect(rows[3].color).toEqual([255, 0, 0]);
  });
});
