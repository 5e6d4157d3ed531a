/**
 * Each compared model's letter and contour colour, by its place in the comparison: A red
 * and B green as in the ENet-vs-U-Net study's figure, then colours far from those and from
 * the manual contour's yellow. One definition for the viewers, the charts and the tables.
 */
import type { Rgb } from '../viewer/types';

const COLOURS: readonly { rgb: Rgb; name: string }[] = [
  { rgb: [255, 0, 0], name: 'red' },
  { rgb: [0, 255, 0], name: 'green' },
  { rgb: [0, 140, 255], name: 'blue' },
  { rgb: [255, 0, 255], name: 'magenta' },
  { rgb: [0, 255, 255], name: 'cyan' },
  { rgb: [255, 140, 0], name: 'orange' },
  { rgb: [160, 110, 255], name: 'violet' },
  { rgb: [255, 255, 255], name: 'white' },
];

/** How many models one comparison can show apart. */
export const MAX_COMPARED = COLOURS.length;

/** The letter of the model at `index`: A, B, C, ... */
export function sideLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The contour colour of the model at `index`. */
export function sideColor(index: number): Rgb {
  return COLOURS[index % COLOURS.length].rgb;
}

/** The colour's name, for labels ("A (red)"). */
export function sideColorName(index: number): string {
  return COLOURS[index % COLOURS.length].name;
}
