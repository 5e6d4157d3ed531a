/**
 * The loops of the studio's WASM kernels that do not run through XNNPACK, written so that
 * any of `parts` threads can do its share: each task reads its arguments (byte offsets
 * into the WASM heap and sizes) from a Float64Array and works on `heap`, the module's
 * memory, which the threaded build shares between threads. Shares never write the same
 * element, so they need no locks; the caller zeroes outputs that shares accumulate into.
 * No tfjs here: the helper threads (pool-worker.ts) import this module alone.
 */

/** A share of a kernel's loop: part `part` of `parts` (0-based). */
export type Task = (heap: ArrayBufferLike, args: Float64Array, part: number, parts: number) => void;

/** [begin, end) of share `part` when `n` items are split into `parts` near-equal shares. */
export function shareOf(n: number, part: number, parts: number): [number, number] {
  return [Math.floor((n * part) / parts), Math.floor((n * (part + 1)) / parts)];
}

function floats(heap: ArrayBufferLike, byteOffset: number, length: number): Float32Array {
  return new Float32Array(heap, byteOffset, length);
}

/**
 * Partial sums of a [rows, inner] float32 matrix over its rows: share p adds its rows, in
 * order, in float64, into scratch row p of a [parts, inner] float64 matrix.
 * args: src, scratch (byte offsets), rows, inner.
 */
const sumRows: Task = (heap, a, part, parts) => {
  const rows = a[2];
  const inner = a[3];
  const [r0, r1] = shareOf(rows, part, parts);
  const src = floats(heap, a[0] + r0 * inner * 4, (r1 - r0) * inner);
  const acc = new Float64Array(heap, a[1] + part * inner * 8, inner);
  acc.fill(0);
  for (let r = 0, at = 0; r < r1 - r0; r++, at += inner) {
    for (let i = 0; i < inner; i++) acc[i] += src[at + i];
  }
};

/**
 * MaxPoolGrad over the channel range of the share: each window sends its gradient to the
 * first maximum in row-major order (strict `>` from -Infinity), as the cpu backend does.
 * args: x, dy, dx (byte offsets), B, H, W, C, OH, OW, strideH, strideW, filterH, filterW,
 * top, left. dx must be zero.
 */
const maxPoolGrad: Task = (heap, a, part, parts) => {
  const [B, H, W, C, OH, OW] = [a[3], a[4], a[5], a[6], a[7], a[8]];
  const [sh, sw, fh, fw, top, left] = [a[9], a[10], a[11], a[12], a[13], a[14]];
  const xs = floats(heap, a[0], B * H * W * C);
  const dys = floats(heap, a[1], B * OH * OW * C);
  const dx = floats(heap, a[2], B * H * W * C);
  const [c0, c1] = shareOf(C, part, parts);
  let dyOffset = 0;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * sh - top);
      const h1 = Math.min(H, oh * sh - top + fh);
      for (let ow = 0; ow < OW; ow++, dyOffset += C) {
        const w0 = Math.max(0, ow * sw - left);
        const w1 = Math.min(W, ow * sw - left + fw);
        const corner = ((b * H + h0) * W + w0) * C;
        for (let c = c0; c < c1; c++) {
          let best = -Infinity;
          let where = -1;
          for (let h = h0, row = corner + c; h < h1; h++, row += W * C) {
            for (let w = w0, i = row; w < w1; w++, i += C) {
              const v = xs[i];
              if (v > best) {
                best = v;
                where = i;
              }
            }
          }
          if (where >= 0) dx[where] += dys[dyOffset + c];
        }
      }
    }
  }
};

/**
 * col2im over the channel range of the share: adds each output pixel's per-tap rows
 * cols[p, kh, kw, :] into dx (the input gradient of a strided convolution).
 * args: cols, dx (byte offsets), B, H, W, C, OH, OW, KH, KW, strideH, strideW,
 * dilationH, dilationW, top, left. dx must be zero.
 */
const col2im: Task = (heap, a, part, parts) => {
  const [B, H, W, C, OH, OW, KH, KW] = [a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]];
  const [sh, sw, dh, dw, top, left] = [a[10], a[11], a[12], a[13], a[14], a[15]];
  const cols = floats(heap, a[0], B * OH * OW * KH * KW * C);
  const dx = floats(heap, a[1], B * H * W * C);
  const [c0, c1] = shareOf(C, part, parts);
  let src = 0;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - top + kh * dh;
          for (let kw = 0; kw < KW; kw++, src += C) {
            const iw = ow * sw - left + kw * dw;
            if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
            const d = ((b * H + ih) * W + iw) * C;
            for (let c = c0; c < c1; c++) dx[d + c] += cols[src + c];
          }
        }
      }
    }
  }
};

/**
 * Copies `count` rows of `length` elements (4 bytes each) from a strided source to a
 * strided destination, rows split between the shares: the copies of Concat and SplitV.
 * args: src, dst (byte offsets of row 0), count, length, srcStride, dstStride (elements).
 */
const copyRows: Task = (heap, a, part, parts) => {
  const [count, length, srcStride, dstStride] = [a[2], a[3], a[4], a[5]];
  const [r0, r1] = shareOf(count, part, parts);
  if (r1 <= r0) return;
  const span = (n: number, stride: number) => (n - 1) * stride + length;
  const src = new Int32Array(heap, a[0] + r0 * srcStride * 4, span(r1 - r0, srcStride));
  const dst = new Int32Array(heap, a[1] + r0 * dstStride * 4, span(r1 - r0, dstStride));
  for (let r = 0; r < r1 - r0; r++) {
    const from = r * srcStride;
    const to = r * dstStride;
    if (length >= 64) dst.set(src.subarray(from, from + length), to);
    else for (let k = 0; k < length; k++) dst[to + k] = src[from + k];
  }
};

/**
 * Per-channel float64 sums of x and x^2 over the share's rows of a [rows, channels]
 * matrix, into scratch rows 2p and 2p + 1 of a [2 * parts, channels] float64 matrix.
 * args: x, scratch (byte offsets), rows, channels.
 */
const momentRows: Task = (heap, a, part, parts) => {
  const [rows, inner] = [a[2], a[3]];
  const [r0, r1] = shareOf(rows, part, parts);
  const x = floats(heap, a[0] + r0 * inner * 4, (r1 - r0) * inner);
  const sum = new Float64Array(heap, a[1] + 2 * part * inner * 8, inner);
  const squares = new Float64Array(heap, a[1] + (2 * part + 1) * inner * 8, inner);
  sum.fill(0);
  squares.fill(0);
  for (let at = 0; at < x.length; at += inner) {
    for (let i = 0; i < inner; i++) {
      const v = x[at + i];
      sum[i] += v;
      squares[i] += v * v;
    }
  }
};

/**
 * Per-channel float64 sums of dy and dy * (x - mean) over the share's rows, into scratch
 * rows 2p and 2p + 1. args: dy, x, mean, scratch (byte offsets), rows, channels.
 */
const bnGradSums: Task = (heap, a, part, parts) => {
  const [rows, inner] = [a[4], a[5]];
  const [r0, r1] = shareOf(rows, part, parts);
  const dy = floats(heap, a[0] + r0 * inner * 4, (r1 - r0) * inner);
  const x = floats(heap, a[1] + r0 * inner * 4, (r1 - r0) * inner);
  const mean = floats(heap, a[2], inner);
  const sum = new Float64Array(heap, a[3] + 2 * part * inner * 8, inner);
  const cross = new Float64Array(heap, a[3] + (2 * part + 1) * inner * 8, inner);
  sum.fill(0);
  cross.fill(0);
  for (let at = 0; at < dy.length; at += inner) {
    for (let i = 0; i < inner; i++) {
      const g = dy[at + i];
      sum[i] += g;
      cross[i] += g * (x[at + i] - mean[i]);
    }
  }
};

/**
 * dx = scale * (dy - shift - (x - mean) * slope) per channel over the share's rows: the
 * batch-norm input gradient with scale = gamma / sigma, shift = mean(dy) and
 * slope = mean(dy * xhat) / sigma. args: dy, x, dx, coefficients ([4, channels] float32:
 * mean, scale, shift, slope) (byte offsets), rows, channels.
 */
const bnGradInput: Task = (heap, a, part, parts) => {
  const [rows, inner] = [a[4], a[5]];
  const [r0, r1] = shareOf(rows, part, parts);
  const dy = floats(heap, a[0] + r0 * inner * 4, (r1 - r0) * inner);
  const x = floats(heap, a[1] + r0 * inner * 4, (r1 - r0) * inner);
  const dx = floats(heap, a[2] + r0 * inner * 4, (r1 - r0) * inner);
  const k = floats(heap, a[3], 4 * inner);
  const mean = k.subarray(0, inner);
  const scale = k.subarray(inner, 2 * inner);
  const shift = k.subarray(2 * inner, 3 * inner);
  const slope = k.subarray(3 * inner, 4 * inner);
  for (let at = 0; at < dy.length; at += inner) {
    for (let i = 0; i < inner; i++) {
      dx[at + i] = scale[i] * (dy[at + i] - shift[i] - (x[at + i] - mean[i]) * slope[i]);
    }
  }
};

/** Every task by its number (the number crosses threads, the function does not). */
export const TASKS = [
  sumRows,
  maxPoolGrad,
  col2im,
  copyRows,
  momentRows,
  bnGradSums,
  bnGradInput,
] as const;

export const TASK = {
  sumRows: 0,
  maxPoolGrad: 1,
  col2im: 2,
  copyRows: 3,
  momentRows: 4,
  bnGradSums: 5,
  bnGradInput: 6,
} as const;
export type TaskId = (typeof TASK)[keyof typeof TASK];
