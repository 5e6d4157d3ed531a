/**
 * The 2-D slice dataset the trainer draws from: every axial slice of every case,
 * already normalized, resized to the model input and encoded to classes, addressed by one
 * flat index. Plain 2-D samples are views into the case buffers, so drawing one copies
 * nothing; 2.5-D samples stack each slice's neighbours as channels. Slices of a partly
 * annotated case that nobody has reviewed are left out: their label is not known to be
 * background, so they must not teach the network that it is.
 */
import type { Sample } from './augment';
import { stackSlice } from './slice-stack';

/** One case ready for a model of a given input size and channel count. */
export interface PreparedCase {
  name: string;
  /** Square slice edge (the model input size). */
  size: number;
  channels: number;
  /** Number of axial slices. */
  depth: number;
  /** [depth, size, size, channels]. */
  images: Float32Array;
  /** [depth, size, size] class indices. */
  classes: Uint8Array;
  /** Whether each slice contains any foreground class. */
  foreground: boolean[];
  /** Whether each slice's label counts (reviewed); absent: every slice counts. */
  labelled?: boolean[];
}

/** The slices of several cases. */
export class SliceDataset {
  /** Foreground flag of each slice, in flat index order. */
  readonly foreground: boolean[];
  /** Number of slices. */
  readonly count: number;
  private readonly index: { c: number; z: number }[] = [];

  /**
   * `context`: slices per sample (odd; neighbours stacked as channels, 1 for plain 2-D).
   */
  constructor(
    readonly cases: readonly PreparedCase[],
    readonly context = 1,
  ) {
    const first = cases[0];
    for (const c of cases) {
      if (c.size !== first.size || c.channels !== first.channels) {
        throw new Error(`case ${c.name} was prepared for another input shape`);
      }
    }
    cases.forEach((c, ci) => {
      for (let z = 0; z < c.depth; z++)
        if (c.labelled?.[z] !== false) this.index.push({ c: ci, z });
    });
    this.foreground = this.index.map(({ c, z }) => cases[c].foreground[z]);
    this.count = this.index.length;
  }

  /** Names of the cases, in order. */
  get names(): string[] {
    return this.cases.map((c) => c.name);
  }

  /** Where each case's slices lie in the flat index: consecutive, in case order. */
  caseRanges(): { name: string; start: number; count: number }[] {
    let start = 0;
    return this.cases.map((c, ci) => {
      let count = 0;
      while (this.index[start + count]?.c === ci) count++;
      const range = { name: c.name, start, count };
      start += count;
      return range;
    });
  }

  /**
   * Slice `i` as a sample. Plain 2-D samples are views into the case buffers (do not
   * mutate); 2.5-D samples are fresh arrays.
   */
  sample(i: number): Sample {
    const at = this.index[i];
    if (!at) throw new RangeError(`slice ${i} out of range 0..${this.count - 1}`);
    const c = this.cases[at.c];
    const pixels = c.size * c.size;
    const classes = c.classes.subarray(at.z * pixels, (at.z + 1) * pixels);
    const image =
      this.context === 1
        ? c.images.subarray(at.z * pixels * c.channels, (at.z + 1) * pixels * c.channels)
        : stackSlice(c.images, c.depth, pixels, c.channels, this.context, at.z);
    return { image, classes, size: c.size, channels: c.channels * this.context };
  }
}
