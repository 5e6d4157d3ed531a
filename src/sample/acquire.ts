/**
 * Turns the noise-free tissue map into what a scanner would store: partial-volume blur at
 * tissue edges, a smooth multiplicative coil bias (optionally an endorectal coil hump), the
 * centre's global intensity scale, Rician magnitude noise, and integer int16-range values.
 */
import type { Acquisition } from './anatomy';
import type { Canvas } from './raster';
import type { Rng } from './rng';

/** Signal values are clipped here, the int16 ceiling the volume claims as its source type. */
const INT16_MAX = 32767;

/**
 * Smooths with [w, 1 - 2w, w] along an axis whose neighbours are `stride` values apart,
 * in blocks of `n` such steps, replicating edge voxels. Works a whole row (or plane) at a
 * time so that memory is read in order whatever the axis.
 */
function blurAxis(data: Float32Array, n: number, stride: number, w: number): void {
  const prev = new Float32Array(stride);
  const cur = new Float32Array(stride);
  const centre = 1 - 2 * w;
  for (let block = 0; block < data.length; block += n * stride) {
    prev.set(data.subarray(block, block + stride));
    for (let k = 0; k < n; k++) {
      const o = block + k * stride;
      cur.set(data.subarray(o, o + stride));
      const next = k < n - 1 ? o + stride : o;
      for (let p = 0; p < stride; p++)
        data[o + p] = w * (prev[p] + data[next + p]) + centre * cur[p];
      prev.set(cur);
    }
  }
}

/** The same kernel along x, where neighbours are adjacent. */
function blurRows(data: Float32Array, n: number, w: number): void {
  const centre = 1 - 2 * w;
  for (let row = 0; row < data.length; row += n) {
    let prev = data[row];
    for (let i = 0; i < n; i++) {
      const cur = data[row + i];
      const next = i < n - 1 ? data[row + i + 1] : cur;
      data[row + i] = w * (prev + next) + centre * cur;
      prev = cur;
    }
  }
}

/**
 * Partial-volume blur: a [1 2 1]/4 kernel in-plane and a lighter one through the thick
 * slices, so that organ edges fall over a voxel or two as in a real acquisition.
 */
export function partialVolume(c: Canvas): Float32Array {
  // In place: the sharp tissue map is not needed afterwards.
  const out = c.tissue;
  blurRows(out, c.nx, 0.25);
  blurAxis(out, c.ny, c.nx, 0.25);
  if (c.nz > 1) blurAxis(out, c.nz, c.nx * c.ny, 0.125);
  return out;
}

/** exp(-d^2 / 2 sigma^2) along one axis: the coil hump is separable. */
function gaussianAlong(coords: Float64Array, centre: number, sigma: number): Float64Array {
  return coords.map((x) => Math.exp(-((x - centre) * (x - centre)) / (2 * sigma * sigma)));
}

/**
 * Multiplies the signal by exp(low-order polynomial) and the optional coil hump. The
 * polynomial has no z cross terms, so its in-plane part is computed once per (i, j).
 */
export function applyBias(c: Canvas, signal: Float32Array, acq: Acquisition): void {
  const [bx, by, bz, bxx, byy, bxy] = acq.bias;
  const half = [c.xs[c.nx - 1] || 1, c.ys[c.ny - 1] || 1, c.zs[c.nz - 1] || 1];
  const plane = new Float64Array(c.nx * c.ny);
  for (let j = 0; j < c.ny; j++) {
    const Y = c.ys[j] / half[1];
    for (let i = 0; i < c.nx; i++) {
      const X = c.xs[i] / half[0];
      plane[j * c.nx + i] = Math.exp(bx * X + by * Y + bxx * X * X + byy * Y * Y + bxy * X * Y);
    }
  }
  const coil = acq.coil;
  const gx = coil ? gaussianAlong(c.xs, coil.cx, coil.sigma) : null;
  const gy = coil ? gaussianAlong(c.ys, coil.cy, coil.sigma) : null;
  const gz = coil ? gaussianAlong(c.zs, coil.cz, coil.sigma) : null;
  let o = 0;
  for (let k = 0; k < c.nz; k++) {
    const zGain = Math.exp((bz * c.zs[k]) / half[2]);
    for (let j = 0, p = 0; j < c.ny; j++) {
      for (let i = 0; i < c.nx; i++, o++, p++) {
        let gain = plane[p] * zGain;
        if (coil && gx && gy && gz) gain *= 1 + coil.amp * gx[i] * gy[j] * gz[k];
        signal[o] *= gain;
      }
    }
  }
}

/** Size of the table of standard normal numbers that noise samples are drawn from. */
const NORMAL_TABLE_BITS = 12;
let normalTable: Float32Array | null = null;

/**
 * 4,096 standard normal quantiles (small enough to stay in the L1 cache): drawing two
 * entries per voxel costs one generator call instead of a logarithm per voxel, with the
 * same distribution to well within what the eye or a network can tell.
 */
function normals(): Float32Array {
  if (normalTable) return normalTable;
  const n = 1 << NORMAL_TABLE_BITS;
  const table = new Float32Array(n);
  for (let i = 0; i < n; i++) table[i] = inverseNormal((i + 0.5) / n);
  normalTable = table;
  return table;
}

/** Acklam's rational approximation of the standard normal quantile (|error| < 1.2e-9). */
function inverseNormal(p: number): number {
  const a = [
    -39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472,
    2.50662827745924,
  ];
  const b = [
    -54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857,
  ];
  const c = [
    -0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373,
    4.37466414146497, 2.93816398269878,
  ];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const tail = (q: number) =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * Scales by the centre's gain, adds complex Gaussian noise and keeps the magnitude (Rician:
 * biased upward in dark regions, never negative), then rounds to int16-range integers.
 */
export function addRicianNoise(signal: Float32Array, acq: Acquisition, rng: Rng): void {
  const sigma = acq.noiseSigma * acq.scale;
  const scale = acq.scale;
  const table = normals();
  const shift = 32 - NORMAL_TABLE_BITS;
  const mask = (1 << NORMAL_TABLE_BITS) - 1;
  // Mulberry32 written out in the loop, seeded from the case's generator: calling a
  // generator closure per voxel costs several times more than the rest of this loop.
  let state = (rng() * 4294967296) | 0;
  const n = signal.length;
  for (let o = 0; o < n; o++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const bits = t ^ (t >>> 14);
    // Two independent 12-bit indices give the two quadrature channels.
    const re = signal[o] * scale + sigma * table[bits >>> shift];
    const im = sigma * table[bits & mask];
    const magnitude = Math.sqrt(re * re + im * im) + 0.5;
    signal[o] = magnitude < INT16_MAX ? Math.floor(magnitude) : INT16_MAX;
  }
}
