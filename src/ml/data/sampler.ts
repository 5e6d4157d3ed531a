/**
 * Which training slice comes next. Prostate slices are a minority of a volume, so two
 * remedies from the source documents are offered: dropping slices without foreground
 * (seed 001) and drawing foreground and background slices with equal probability
 * (seed 002's class-balanced sampling). Every pool is walked in seeded shuffled order, so
 * each slice is seen once per pass.
 */
import { createRng, randomInt, shuffleInPlace, type Rng } from './rng';

/** How training slices are chosen. */
export interface SamplingConfig {
  /** Train only on slices that contain foreground (seed 001). */
  dropEmptySlices: boolean;
  /** Half the samples from foreground slices, half from the others, when both exist (seed 002). */
  classBalanced: boolean;
}

/** Cycles through a pool of indices in a fresh shuffled order on every pass. */
class Pool {
  private order: number[] = [];
  private at = 0;

  constructor(
    readonly items: readonly number[],
    private readonly rng: Rng,
  ) {}

  next(): number {
    if (this.at >= this.order.length) {
      this.order = shuffleInPlace([...this.items], this.rng);
      this.at = 0;
    }
    return this.order[this.at++];
  }
}

/** Draws training slice indices according to a {@link SamplingConfig}. */
export class SliceSampler {
  private readonly foreground: Pool;
  private readonly background: Pool;
  private readonly all: Pool;
  private readonly rng: Rng;
  /** Whether draws alternate between foreground and background pools at random. */
  readonly balanced: boolean;
  /** Number of slices that can be drawn. */
  readonly size: number;

  /** `hasForeground[i]` tells whether slice i contains any foreground voxel. */
  constructor(hasForeground: readonly boolean[], config: SamplingConfig, seed: number) {
    this.rng = createRng(seed);
    const fg: number[] = [];
    const bg: number[] = [];
    hasForeground.forEach((f, i) => (f ? fg : bg).push(i));
    if (config.dropEmptySlices) bg.length = 0;
    const eligible = [...fg, ...bg].sort((a, b) => a - b);
    if (eligible.length === 0) {
      throw new Error(
        config.dropEmptySlices
          ? 'no training slice contains foreground: check the target label values'
          : 'there are no training slices',
      );
    }
    this.foreground = new Pool(fg, this.rng);
    this.background = new Pool(bg, this.rng);
    this.all = new Pool(eligible, this.rng);
    this.balanced = config.classBalanced && fg.length > 0 && bg.length > 0;
    this.size = eligible.length;
  }

  /** The next slice index. */
  next(): number {
    if (!this.balanced) return this.all.next();
    return randomInt(this.rng, 2) === 0 ? this.foreground.next() : this.background.next();
  }

  /** The next `n` slice indices. */
  take(n: number): number[] {
    return Array.from({ length: n }, () => this.next());
  }
}
