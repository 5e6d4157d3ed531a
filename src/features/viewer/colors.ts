/**
 * The studio's overlay colours in one place, so that the viewer, the legend and the
 * comparison views agree: a colour per named structure (the prostate is the same yellow
 * as the manual outline in comparisons), a generated palette for any other label value,
 * and the fixed contour colours used when comparing outlines.
 */
import type { LabelColormap, Rgb } from './types';

/** Outline colours for comparisons: manual in yellow, model A red, model B green. */
export const CONTOUR_COLORS = {
  manual: [255, 255, 0],
  modelA: [255, 0, 0],
  modelB: [0, 255, 0],
  prediction: [255, 0, 0],
} as const satisfies Record<string, Rgb>;

/**
 * Colours of structures the studio knows by name, whatever their label value in a given
 * dataset. Tumour classes keep clear of the red and green of the model outlines.
 */
const STRUCTURE_COLORS: [RegExp, Rgb][] = [
  [/^(prostate|whole gland|gland|prostate gland)$/, [255, 255, 0]],
  [/^peripheral zone$/, [255, 140, 0]],
  [/^transition zone$/, [0, 200, 255]],
  [/^central zone$/, [180, 120, 255]],
  [/^bladder$/, [0, 170, 255]],
  [/^rectum$/, [205, 115, 40]],
  [/^bones?$/, [255, 255, 240]],
  [/^body$/, [210, 180, 140]],
  [/^(necrosis|necrotic.*)$/, [255, 110, 180]],
  [/^(o?edema|peritumou?ral o?edema)$/, [80, 200, 255]],
  [/^non[- ]enhancing tumou?r.*$/, [160, 100, 255]],
  [/^enhancing tumou?r.*$/, [255, 160, 40]],
];

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

/** A deterministic colour per label value, distinct for neighbouring values. */
export function labelColor(value: number): Rgb {
  const hue = (((value * GOLDEN_ANGLE) % 360) + 360) % 360;
  // Alternate brightness so that hues that do come close still differ.
  return hsvToRgb(hue, 0.8, Math.abs(value) % 2 === 0 ? 0.95 : 0.75);
}

/** Colour of a structure: its own when the studio knows the name, else its value's. */
export function structureColor(name: string, value: number): Rgb {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return STRUCTURE_COLORS.find(([re]) => re.test(key))?.[1] ?? labelColor(value);
}

/** Name of a label value nobody has named. */
export function labelName(value: number): string {
  return `label ${value}`;
}

/**
 * Class table for the non-zero integer values of a label map, each named and coloured by
 * `classOf`. Undefined when there is no such value (an empty or non-integer map), which
 * is then drawn in the overlay's own colour.
 */
export function labelColormap(
  values: readonly number[],
  classOf: (value: number) => { name: string; color: Rgb } = (v) => ({
    name: labelName(v),
    color: labelColor(v),
  }),
): LabelColormap | undefined {
  const classes = [...new Set(values)]
    .filter((v) => v > 0 && Number.isInteger(v))
    .sort((a, b) => a - b)
    .map((value) => ({ value, ...classOf(value) }));
  return classes.length > 0 ? classes : undefined;
}

/** CSS colour string for a swatch. */
export function cssColor(color: Rgb): string {
  return `rgb(${color[0]}, ${color[1]}, ${color[2]})`;
}
