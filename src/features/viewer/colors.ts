/**
 * The studio's overlay colours in one place, so that the viewer, the legend and the
 * comparison views agree: the pelvic label table (values 0-5), a generated palette for
 * any further label values, and the fixed contour colours used when comparing outlines.
 */
import type { LabelClass, LabelColormap, Rgb } from './types';

/** Names and colours of the pelvic label values; 0 is background and stays transparent. */
export const LABEL_TABLE: readonly LabelClass[] = [
  { value: 0, name: 'background', color: [0, 0, 0] },
  { value: 1, name: 'body', color: [210, 180, 140] },
  { value: 2, name: 'bone', color: [255, 255, 240] },
  { value: 3, name: 'bladder', color: [0, 170, 255] },
  { value: 4, name: 'rectum', color: [205, 115, 40] },
  { value: 5, name: 'prostate', color: [255, 0, 220] },
];

/** Outline colours for comparisons: manual in yellow, model A red, model B green. */
export const CONTOUR_COLORS = {
  manual: [255, 255, 0],
  modelA: [255, 0, 0],
  modelB: [0, 255, 0],
  prediction: [255, 0, 0],
} as const satisfies Record<string, Rgb>;

// The golden angle spreads successive hues as far apart as possible, so generated
// colours for neighbouring label values never look alike.
const GOLDEN_ANGLE = 137.508;

function hsvToRgb(h: number, s: number, v: number): Rgb {
  const f = (n: number) => {
    const k = (n + h / 60) % 6;
    return Math.round(255 * (v - v * s * Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}

/** Colour of a label value: the table for 0-5, a deterministic distinct palette beyond. */
export function labelColor(value: number): Rgb {
  const known = Number.isInteger(value) ? LABEL_TABLE[value] : undefined;
  if (known) return known.color;
  const hue = (((value * GOLDEN_ANGLE) % 360) + 360) % 360;
  // Alternate brightness so that hues that do come close still differ.
  return hsvToRgb(hue, 0.8, Math.abs(value) % 2 === 0 ? 0.95 : 0.75);
}

/** Display name of a label value ("label 7" beyond the table). */
export function labelName(value: number): string {
  return LABEL_TABLE[value]?.name ?? `label ${value}`;
}

/**
 * Class table for the non-zero values of a label map. A map with a single structure
 * (e.g. a binary prostate mask) gets none: it is drawn in the overlay's own colour,
 * which the caller picks for its role (manual, model A, ...).
 */
export function labelColormap(values: readonly number[]): LabelColormap | undefined {
  const classes = [...new Set(values)]
    .filter((v) => v !== 0 && Number.isFinite(v))
    .sort((a, b) => a - b)
    .map((value) => ({ value, name: labelName(value), color: labelColor(value) }));
  return classes.length > 1 ? classes : undefined;
}

/** CSS colour string for a swatch. */
export function cssColor(color: Rgb): string {
  return `rgb(${color[0]}, ${color[1]}, ${color[2]})`;
}
