/**
 * Turns a ViewerOverlay into what Niivue draws: a label volume (the mask itself, or its
 * contour) plus a discrete lookup table. Pure, so the mapping from overlay settings to
 * voxels and colours is unit-tested without a GPU.
 */
import type { Volume } from '../../io/volume';
import { labelColor, labelName } from './colors';
import { labelContour, maskContour } from './contour';
import type { LabelClass, Rgb, ViewerOverlay } from './types';

/** Niivue's label colormap shape: parallel arrays indexed by label value I. */
export interface LabelLut {
  R: number[];
  G: number[];
  B: number[];
  A: number[];
  I: number[];
  labels: string[];
}

/** A volume ready for Niivue with the colours of its values. */
export interface OverlayLayer {
  volume: Volume;
  lut: LabelLut;
  /** Largest value in the volume; decides the NIfTI type the layer is written with. */
  maxValue: number;
}

/** The overlay settings that change the layer's voxels or colours (not opacity). */
export type LayerSource = Pick<ViewerOverlay, 'volume' | 'style' | 'color' | 'colormap'>;

function isMultiClass(o: LayerSource): boolean {
  return o.colormap !== undefined && o.colormap.length > 0;
}

function binarise(vol: Volume): Volume {
  const data = new Float32Array(vol.data.length);
  for (let n = 0; n < data.length; n++) {
    const v = vol.data[n];
    data[n] = v !== 0 && !Number.isNaN(v) ? 1 : 0;
  }
  return { ...vol, data, sourceType: 'uint8' };
}

function roundLabels(vol: Volume): { volume: Volume; maxValue: number } {
  const data = new Float32Array(vol.data.length);
  let maxValue = 0;
  for (let n = 0; n < data.length; n++) {
    const v = Math.round(vol.data[n]);
    // Negative and non-finite values have no colour in a label table: treat as background.
    const c = Number.isFinite(v) && v > 0 ? v : 0;
    data[n] = c;
    if (c > maxValue) maxValue = c;
  }
  return { volume: { ...vol, data, sourceType: maxValue > 255 ? 'uint16' : 'uint8' }, maxValue };
}

/** Niivue's lookup table for label `entries` (value 0 stays transparent). */
export function lutFor(entries: { value: number; name: string; color: Rgb }[]): LabelLut {
  const lut: LabelLut = { R: [0], G: [0], B: [0], A: [0], I: [0], labels: ['background'] };
  for (const e of entries) {
    if (e.value === 0) continue;
    lut.R.push(e.color[0]);
    lut.G.push(e.color[1]);
    lut.B.push(e.color[2]);
    lut.A.push(255);
    lut.I.push(e.value);
    lut.labels.push(e.name);
  }
  return lut;
}

/**
 * Builds the layer for an overlay. A multi-class map keeps its values and gets one colour
 * per value (the overlay's colormap, generated colours for values it does not list);
 * anything else is binarised (non-zero = 1) and drawn in the overlay's colour. The
 * contour style replaces the mask by its in-plane boundary voxels.
 */
export function overlayLayer(o: LayerSource): OverlayLayer {
  if (isMultiClass(o)) {
    const { volume, maxValue } = roundLabels(o.volume);
    const known = new Map((o.colormap ?? []).map((c) => [c.value, c]));
    const entries: LabelClass[] = [];
    for (let v = 1; v <= maxValue; v++) {
      entries.push(known.get(v) ?? { value: v, name: labelName(v), color: labelColor(v) });
    }
    const shown = o.style === 'contour' ? labelContour(volume) : volume;
    return { volume: shown, lut: lutFor(entries), maxValue };
  }
  const mask = o.style === 'contour' ? maskContour(o.volume) : binarise(o.volume);
  return { volume: mask, lut: lutFor([{ value: 1, name: 'mask', color: o.color }]), maxValue: 1 };
}

/** One row of the colour legend: an overlay, or one class of a multi-class overlay. */
export interface LegendEntry {
  key: string;
  label: string;
  /** Absent on the heading row of a multi-class overlay, whose classes carry the colours. */
  color?: Rgb;
  /** Set on class rows: the overlay they belong to. */
  parent?: string;
}

/** Legend rows for the visible overlays, each multi-class overlay followed by its classes. */
export function legendEntries(overlays: readonly ViewerOverlay[]): LegendEntry[] {
  const rows: LegendEntry[] = [];
  for (const o of overlays) {
    if (!o.visible) continue;
    if (isMultiClass(o)) {
      rows.push({ key: o.id, label: o.label });
      for (const c of o.colormap ?? []) {
        if (c.value === 0) continue;
        rows.push({ key: `${o.id}:${c.value}`, label: c.name, color: c.color, parent: o.id });
      }
    } else {
      rows.push({ key: o.id, label: o.label, color: o.color });
    }
  }
  return rows;
}
