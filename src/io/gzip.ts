/**
 * Bounded gzip decompression for `.nii.gz`. The header is inflated first, so the caller can
 * refuse a file that would not fit in memory before the bulk is touched; the rest is then
 * inflated straight into one buffer of the size the header announces. Streaming also avoids
 * fflate's one-shot `gunzipSync`, which sizes its output from the last four bytes of the
 * file: garbage (possibly gigabytes) when the file is cut short.
 */
import { Gunzip } from 'fflate';
import { FileFormatError } from '../shared/errors';

/** True when `bytes` start with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompressed bytes: `bytes` holds at most the planned length; `length` counts them all. */
export interface GunzipResult {
  bytes: Uint8Array;
  /** Decompressed length seen; exceeds `bytes.length` when the stream held more than planned. */
  length: number;
  /** True when inflation stopped early because the stream held more than planned. */
  overflow: boolean;
}

/**
 * Compressed bytes pushed per step while looking for the header, then for the bulk. Deflate
 * expands at most ~1032x, so one step never produces more than ~66 MB, even from a bomb.
 */
const HEAD_CHUNK = 4096;
const BULK_CHUNK = 1 << 16;

interface FflateError extends Error {
  code?: number;
}

function toStudioError(e: unknown, fileName: string): Error {
  if (e instanceof FileFormatError || !(e instanceof Error)) return e as Error;
  const code = (e as FflateError).code;
  if (code === 0) {
    return new FileFormatError(
      'truncated',
      fileName,
      'truncated gzip stream (the file ends early)',
    );
  }
  if (code === 6) {
    return new FileFormatError('corrupt', fileName, `invalid gzip header (${e.message})`);
  }
  if (code === 1 || code === 2 || code === 3) {
    return new FileFormatError('corrupt', fileName, `corrupt gzip data (${e.message})`);
  }
  return e;
}

/**
 * Inflates `input`. Once at least `headBytes` are out (or the stream ends), `plan(head)`
 * receives them and returns the total length expected (it may throw, e.g. 'too-large');
 * the result buffer is allocated once at that size. Decompression stops as soon as more
 * than that arrives, so a lying header cannot make it inflate everything.
 */
export function gunzipPlanned(
  input: Uint8Array,
  fileName: string,
  headBytes: number,
  plan: (head: Uint8Array) => number,
): GunzipResult {
  const st = { head: [] as Uint8Array[], headLength: 0, out: null as Uint8Array | null, length: 0 };
  const stream = new Gunzip((chunk) => {
    if (st.out === null) {
      st.head.push(chunk);
      st.headLength += chunk.length;
      return;
    }
    const room = st.out.length - st.length;
    if (room > 0) st.out.set(room >= chunk.length ? chunk : chunk.subarray(0, room), st.length);
    st.length += chunk.length;
  });
  const startBulk = () => {
    const first = concat(st.head, st.headLength);
    const total = plan(first);
    st.out = new Uint8Array(total);
    st.out.set(first.subarray(0, Math.min(first.length, total)));
    st.length = first.length;
    st.head = [];
  };
  const overflowing = () => st.out !== null && st.length > st.out.length;
  let members = 1;
  let trailingBytes = false;
  stream.onmember = () => members++;
  try {
    let pos = 0;
    while (pos < input.length && !overflowing()) {
      const next = Math.min(input.length, pos + (st.out === null ? HEAD_CHUNK : BULK_CHUNK));
      // Never `final` with data: fflate only looks for a next member on non-final pushes.
      stream.push(input.subarray(pos, next), false);
      pos = next;
      if (st.out === null && st.headLength >= headBytes) startBulk();
    }
    if (!overflowing()) stream.push(new Uint8Array(0), true);
    if (st.out === null) startBulk();
  } catch (e) {
    // A bad gzip header after output has started is junk after the last member: gzip
    // ignores it with a warning, and so does this reader.
    const afterMember = (e as FflateError).code === 6 && (st.out !== null || st.headLength > 0);
    if (!afterMember) throw toStudioError(e, fileName);
    trailingBytes = true;
  }
  if (st.out === null) startBulk();
  const bytes = st.out as unknown as Uint8Array;
  const overflow = overflowing();
  // fflate does not check the trailer; without it a damaged stream can decode to garbage.
  if (members === 1 && !trailingBytes)
    checkTrailer(input, bytes, overflow ? null : st.length, fileName);
  return { bytes: overflow ? bytes : bytes.subarray(0, st.length), length: st.length, overflow };
}

/** Slicing-by-4 tables: row t advances the CRC over t extra zero bytes. */
const CRC_TABLE = (() => {
  const t = new Int32Array(1024);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  for (let i = 0; i < 256; i++) {
    for (let r = 1; r < 4; r++) {
      const prev = t[(r - 1) * 256 + i];
      t[r * 256 + i] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
})();

/** CRC-32 (IEEE) of `bytes`, as gzip stores it; four bytes per step. */
export function crc32(bytes: Uint8Array): number {
  const t = CRC_TABLE;
  let c = -1;
  let i = 0;
  const n4 = bytes.length - (bytes.length & 3);
  for (; i < n4; i += 4) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c =
      t[768 + (c & 0xff)] ^
      t[512 + ((c >>> 8) & 0xff)] ^
      t[256 + ((c >>> 16) & 0xff)] ^
      t[c >>> 24];
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Compares the CRC-32 and length recorded in the last 8 bytes with what was inflated
 * (`length` null: inflation stopped early, more than `out.length` bytes were coming).
 */
function checkTrailer(
  input: Uint8Array,
  out: Uint8Array,
  length: number | null,
  fileName: string,
): void {
  if (input.length < 18) return;
  const view = new DataView(input.buffer, input.byteOffset + input.length - 8, 8);
  const size = view.getUint32(4, true);
  const fail = (why: string) =>
    new FileFormatError('corrupt', fileName, `corrupt gzip data (${why})`);
  if (length === null) {
    // The header was right about the size: the stream, not the header, is wrong.
    if (size === out.length)
      throw fail(`it decodes to more than the ${size} bytes the file records`);
    return;
  }
  if (size !== length % 2 ** 32) {
    throw fail(`it decodes to ${length} bytes, the file records ${size}`);
  }
  if (view.getUint32(0, true) !== crc32(out.subarray(0, length))) throw fail('CRC-32 check failed');
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
