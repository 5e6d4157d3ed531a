/**
 * Decodes a `.nii` / `.nii.gz` into canonical {@link Volume}s. Sizes are checked from the
 * header before the voxel data is inflated or copied, so an oversized or inconsistent file
 * fails fast with a message naming it; values are scaled, checked for NaN/Inf and written
 * straight into the canonical (closest-RAS) voxel order in one pass.
 */
import { FileFormatError, TooLargeError, VoxelValueError } from '../shared/errors';
import { headerAffine } from './affine';
import { gunzipPlanned, isGzip } from './gzip';
import {
  BYTES_PER_VOXEL,
  gridOf,
  parseNiftiHeader,
  voxelTypeOf,
  type NiftiHeader,
} from './nifti-header';
import { formatValue } from './format-value';
import { canonicalPlan, type CanonicalPlan } from './orientation';
import type { Volume, VoxelType } from './volume';

/** Decoded-size budget used when the caller gives none: 1.5 GiB. */
export const DEFAULT_MAX_BYTES = 1.5 * 1024 ** 3;

/** Options of {@link readNifti}. */
export interface ReadNiftiOptions {
  /** Refuse files whose raw voxels plus their float32 copy exceed this many bytes. */
  maxBytes?: number;
  /**
   * Receives what the reader repaired to load the file (e.g. an unusable voxel spacing),
   * as a sentence without the file name. The file still loads.
   */
  onWarning?: (problem: string) => void;
}

/** What the header says about the voxel data, before any of it is read. */
export interface NiftiLayout {
  header: NiftiHeader;
  type: VoxelType;
  dims: [number, number, number];
  channels: number;
  /** Byte offset of the first voxel in the (decompressed) file. */
  offset: number;
  /** Raw voxel bytes the header announces. */
  dataBytes: number;
  /** Estimated peak bytes to decode: raw voxels plus the float32 volumes. */
  decodeBytes: number;
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${n.toFixed(1)} ${units[i]}`;
}

function gridText(l: Pick<NiftiLayout, 'dims' | 'channels' | 'type'>): string {
  const dims = l.channels > 1 ? [...l.dims, l.channels] : l.dims;
  return `${dims.join('x')} ${l.type}`;
}

/**
 * Reads the header at the start of `head` and works out the data layout; throws
 * 'too-large' when decoding would exceed `maxBytes`.
 */
export function planNifti(
  head: Uint8Array,
  fileName: string,
  maxBytes = DEFAULT_MAX_BYTES,
): NiftiLayout {
  const header = parseNiftiHeader(head, fileName);
  const type = voxelTypeOf(header, fileName);
  if (header.magic === 'ni1' || header.magic === 'ni2') {
    throw new FileFormatError(
      'unsupported-type',
      fileName,
      'this is the header of a two-file NIfTI pair (.hdr/.img); convert it to a single .nii or .nii.gz',
    );
  }
  const { dims, channels } = gridOf(header);
  const voxels = dims[0] * dims[1] * dims[2] * channels;
  const dataBytes = voxels * BYTES_PER_VOXEL[type];
  const decodeBytes = dataBytes + voxels * 4;
  const layout = {
    header,
    type,
    dims,
    channels,
    dataBytes,
    decodeBytes,
    offset: dataOffset(header),
  };
  if (!(decodeBytes <= maxBytes)) {
    throw new TooLargeError(
      fileName,
      `decoding ${gridText(layout)} needs about ${formatBytes(decodeBytes)}, more than the ` +
        `${formatBytes(Math.max(0, maxBytes))} memory budget left`,
    );
  }
  return layout;
}

/** Where voxels start: vox_offset, or right after header + extension flag when it is too small. */
function dataOffset(h: NiftiHeader): number {
  const offset = Math.floor(h.voxOffset);
  return Number.isFinite(offset) && offset >= h.headerSize ? offset : h.headerSize + 4;
}

/**
 * Decodes a NIfTI-1 or NIfTI-2 file (gzipped or not) into one canonical volume per 3-D
 * channel (dims 4..7 flattened; usually one). Throws {@link FileFormatError},
 * {@link TooLargeError} or {@link VoxelValueError} whose message names `fileName`.
 */
export function readNifti(
  bytes: ArrayBuffer | Uint8Array,
  fileName: string,
  opts: ReadNiftiOptions = {},
): Volume[] {
  const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let layout: NiftiLayout | undefined;
  let file = input;
  let fileLength = input.length;
  let more = false;
  if (isGzip(input)) {
    const result = gunzipPlanned(input, fileName, 544, (head) => {
      layout = planNifti(head, fileName, maxBytes);
      return layout.offset + layout.dataBytes;
    });
    file = result.bytes;
    fileLength = result.length;
    more = result.overflow;
  }
  layout ??= planNifti(input, fileName, maxBytes);
  if (more || fileLength - layout.offset !== layout.dataBytes) {
    throw new FileFormatError(
      'size-mismatch',
      fileName,
      sizeMismatch(layout, fileLength, more, file !== input),
    );
  }
  return decodeVolumes(file, layout, fileName, opts.onWarning);
}

/**
 * Why the file's length disagrees with its header, with the real figures: where the
 * voxels start, how long the file should be, and how long it is.
 */
function sizeMismatch(l: NiftiLayout, length: number, more: boolean, gzipped: boolean): string {
  const file = gzipped ? 'the decompressed file' : 'the file';
  const expected =
    `the header describes ${gridText(l)}: ${formatBytes(l.dataBytes)} of voxel data from ` +
    `byte ${l.offset}, so ${file} should be ${l.offset + l.dataBytes} bytes long`;
  if (more) return `${expected}, but it holds more than that`;
  const actual = `${gzipped ? 'it decompresses to' : 'it is'} ${length} bytes`;
  if (length <= l.offset) return `${expected}, but ${actual}: it ends before the voxel data starts`;
  return `${expected}, but ${actual} (${formatBytes(length - l.offset)} of voxel data)`;
}

type SourceArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Float32Array
  | Float64Array;

const NATIVE_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A typed array over the voxel bytes in native order (copied only when swapping or aligning). */
function sourceArray(file: Uint8Array, l: NiftiLayout): SourceArray {
  const bpv = BYTES_PER_VOXEL[l.type];
  const count = l.dataBytes / bpv;
  const start = file.byteOffset + l.offset;
  const swap = bpv > 1 && l.header.littleEndian !== NATIVE_LITTLE_ENDIAN;
  let buffer = file.buffer as ArrayBuffer;
  let at = start;
  if (swap || at % bpv !== 0) {
    const copy = file.slice(l.offset, l.offset + l.dataBytes);
    if (swap) {
      for (let i = 0; i < copy.length; i += bpv) copy.subarray(i, i + bpv).reverse();
    }
    buffer = copy.buffer;
    at = 0;
  }
  switch (l.type) {
    case 'uint8':
      return new Uint8Array(buffer, at, count);
    case 'int8':
      return new Int8Array(buffer, at, count);
    case 'int16':
      return new Int16Array(buffer, at, count);
    case 'uint16':
      return new Uint16Array(buffer, at, count);
    case 'int32':
      return new Int32Array(buffer, at, count);
    case 'float32':
      return new Float32Array(buffer, at, count);
    case 'float64':
      return new Float64Array(buffer, at, count);
  }
}

/** scl_slope / scl_inter as applied: none when slope is 0, non-finite, or the identity. */
function scaling(h: NiftiHeader): { slope: number; inter: number } | null {
  const { sclSlope: slope, sclInter } = h;
  if (slope === 0 || !Number.isFinite(slope)) return null;
  const inter = Number.isFinite(sclInter) ? sclInter : 0;
  return slope === 1 && inter === 0 ? null : { slope, inter };
}

const usableSize = (v: number) => v > 0 && Number.isFinite(v);

/**
 * Voxel size: pixdim, where it is a positive number; else the affine's column length (an
 * sform carries its own sizes; the qform and pixdim methods then assume 1 mm). Anything
 * replaced is reported, because distances and volumes depend on it.
 */
function voxelSpacing(
  h: NiftiHeader,
  affine: readonly number[],
  method: string,
  onWarning: ((problem: string) => void) | undefined,
): [number, number, number] {
  const pix = h.pixdim;
  const cols = [0, 1, 2].map((c) => Math.hypot(affine[c], affine[4 + c], affine[8 + c]));
  const fix = (c: number) => (usableSize(cols[c]) ? cols[c] : 1);
  const spacing = [1, 2, 3].map((i) => (usableSize(pix[i]) ? pix[i] : fix(i - 1)));
  if ([1, 2, 3].some((i) => !usableSize(pix[i]))) {
    const mm = (v: readonly number[]) => v.map((x) => formatValue(x)).join(' x ');
    const from =
      method === 'sform' ? 'the sizes of the sform matrix' : '1 mm where the header gives none';
    onWarning?.(
      `voxel spacing ${mm(pix.slice(1, 4))} mm in the header is not usable (zero, negative or ` +
        `not a number); loaded with ${mm(spacing)} mm (${from}), so distances and volumes ` +
        `measured on it may be wrong`,
    );
  }
  return spacing as [number, number, number];
}

function decodeVolumes(
  file: Uint8Array,
  l: NiftiLayout,
  fileName: string,
  onWarning: ((problem: string) => void) | undefined,
): Volume[] {
  const src = sourceArray(file, l);
  const { affine, method } = headerAffine(l.header);
  const spacing = voxelSpacing(l.header, affine, method, onWarning);
  const plan = canonicalPlan(l.dims, spacing, affine);
  const scale = scaling(l.header);
  const voxels = l.dims[0] * l.dims[1] * l.dims[2];
  const volumes: Volume[] = [];
  for (let c = 0; c < l.channels; c++) {
    const data = new Float32Array(voxels);
    const bad = copyCanonical(src, c * voxels, plan, scale, data);
    if (bad > 0) {
      const which = l.channels > 1 ? ` in channel ${c}` : '';
      throw new VoxelValueError(
        'non-finite',
        fileName,
        `${bad} of ${voxels} voxels${which} are NaN or infinite; replace them with finite values before loading`,
      );
    }
    volumes.push({
      dims: [...plan.dims],
      spacing: [...plan.spacing],
      data,
      sourceType: l.type,
      affine: [...plan.affine],
      ...(l.channels > 1 ? { channel: c } : {}),
      ...(plan.identity
        ? {}
        : { sourceGrid: { dims: [...l.dims], spacing: [...spacing], affine: [...affine] } }),
    });
  }
  return volumes;
}

/**
 * Scales source voxels into `out` in canonical order; returns how many are NaN or infinite
 * once stored as float32.
 */
function copyCanonical(
  src: SourceArray,
  start: number,
  plan: CanonicalPlan,
  scale: { slope: number; inter: number } | null,
  out: Float32Array,
): number {
  const [nx, ny, nz] = plan.dims;
  const [s0, s1, s2] = plan.steps;
  const slope = scale ? scale.slope : 1;
  const inter = scale ? scale.inter : 0;
  let bad = 0;
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let idx = start + plan.base + k * s2 + j * s1;
      for (let i = 0; i < nx; i++, idx += s0, n++) {
        out[n] = src[idx] * slope + inter;
        const v = out[n];
        if (v - v !== 0) bad++;
      }
    }
  }
  return bad;
}
