/**
 * Sliding-window placement and blending for 3-D networks (seed 002: sub-volumes with a
 * stride of half their size, the probabilities of overlapping windows averaged). Windows
 * start every `stride` voxels along each axis and the last one ends at the volume's edge,
 * so every voxel is covered; a volume smaller than the patch gets one window, padded.
 * Blending divides each voxel's weighted sum of probabilities by its summed weights:
 * uniform weights average the windows, Gaussian ones (Isensee et al. 2021, nnU-Net: sigma
 * 1/8 of the patch) trust a window's centre more than its rim, where context is missing.
 */

export type Vec3 = [number, number, number];

/** Window starts along an axis of `n` voxels for windows of `size` every `stride`. */
export function windowStarts(n: number, size: number, stride: number): number[] {
  if (!(stride >= 1)) throw new RangeError(`window stride must be >= 1, got ${stride}`);
  if (n <= size) return [0];
  const starts: number[] = [];
  for (let s = 0; s + size < n; s += stride) starts.push(s);
  starts.push(n - size);
  return starts;
}

/** Every window origin [z, y, x] over a grid of `dims` [nx, ny, nz] for a patch [D, S, S]. */
export function windowOrigins(dims: Vec3, patch: Vec3, stride: Vec3): Vec3[] {
  const [nx, ny, nz] = dims;
  const out: Vec3[] = [];
  for (const z of windowStarts(nz, patch[0], stride[0]))
    for (const y of windowStarts(ny, patch[1], stride[1]))
      for (const x of windowStarts(nx, patch[2], stride[2])) out.push([z, y, x]);
  return out;
}

/** The default stride: half the patch along each axis (seed 002), at least one voxel. */
export function halfStride(patch: Vec3): Vec3 {
  return patch.map((p) => Math.max(1, Math.floor(p / 2))) as Vec3;
}

/**
 * Weight of each voxel of a [D, S, S] window: 1 everywhere, or a Gaussian centred on the
 * window with sigma `sigma` times each edge, scaled to 1 at the centre and kept above
 * 1e-3 so that no voxel covered only by rims is left without weight.
 */
export function windowWeights(patch: Vec3, gaussian: boolean, sigma = 1 / 8): Float32Array {
  const [d, h, w] = patch;
  const out = new Float32Array(d * h * w);
  if (!gaussian) return out.fill(1);
  const axis = (n: number) =>
    Float64Array.from({ length: n }, (_, i) => {
      const s = Math.max(1e-6, sigma * n);
      return Math.exp(-(((i - (n - 1) / 2) / s) ** 2) / 2);
    });
  const [az, ay, ax] = [axis(d), axis(h), axis(w)];
  let i = 0;
  for (let z = 0; z < d; z++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) out[i++] = Math.max(1e-3, az[z] * ay[y] * ax[x]);
  return out;
}

/** Weighted sums of window probabilities over a volume, and their average. */
export class WindowBlender {
  private readonly sums: Float32Array;
  private readonly weightSums: Float32Array;
  private readonly voxels: number;

  constructor(
    readonly dims: Vec3,
    readonly classes: number,
    readonly patch: Vec3,
    private readonly weights: Float32Array,
  ) {
    this.voxels = dims[0] * dims[1] * dims[2];
    this.sums = new Float32Array(classes * this.voxels);
    this.weightSums = new Float32Array(this.voxels);
  }

  /**
   * Adds a window's probabilities [D, S, S, classes] (channels last, as the network
   * outputs them) whose first voxel lies at `origin` [z, y, x]; parts beyond the volume
   * (a padded window) are dropped.
   */
  add(probs: ArrayLike<number>, offset: number, origin: Vec3): void {
    const [nx, ny, nz] = this.dims;
    const [d, h, w] = this.patch;
    const k = this.classes;
    for (let z = 0; z < d && origin[0] + z < nz; z++) {
      for (let y = 0; y < h && origin[1] + y < ny; y++) {
        const row = ((origin[0] + z) * ny + origin[1] + y) * nx + origin[2];
        const src = (z * h + y) * w;
        for (let x = 0; x < w && origin[2] + x < nx; x++) {
          const weight = this.weights[src + x];
          const v = row + x;
          this.weightSums[v] += weight;
          const p = offset + (src + x) * k;
          for (let c = 0; c < k; c++) this.sums[c * this.voxels + v] += weight * probs[p + c];
        }
      }
    }
  }

  /** The weighted average per class and voxel (class c of voxel v at c * voxels + v). */
  result(): Float32Array<ArrayBuffer> {
    const out = new Float32Array(this.sums.length);
    for (let v = 0; v < this.voxels; v++) {
      const weight = this.weightSums[v];
      if (weight <= 0) throw new Error(`voxel ${v} is covered by no window`);
      for (let c = 0; c < this.classes; c++) {
        out[c * this.voxels + v] = this.sums[c * this.voxels + v] / weight;
      }
    }
    return out;
  }
}
