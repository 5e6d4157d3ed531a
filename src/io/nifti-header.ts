/**
 * NIfTI-1 and NIfTI-2 header parsing. Byte order is decided by `sizeof_hdr` (348 or 540
 * read either way), the version by that size plus the magic string, so a PNG or any other
 * file renamed `.nii` is refused before a single dimension is trusted.
 */
import { FileFormatError } from '../shared/errors';
import type { VoxelType } from './volume';

/** The fields of a NIfTI header the studio uses, with NIfTI-2 widths (numbers, not bigint). */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** 'n+1' / 'n+2' (single file) or 'ni1' / 'ni2' (header of a .hdr/.img pair). */
  magic: string;
  /** 348 (NIfTI-1) or 540 (NIfTI-2). */
  headerSize: number;
  /** dim[0..7]: dim[0] is the number of used dimensions. */
  dim: number[];
  /** pixdim[0..7]: pixdim[0] is qfac, the sign of the third qform axis. */
  pixdim: number[];
  datatype: number;
  bitpix: number;
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  /** quatern_b, quatern_c, quatern_d. */
  quatern: [number, number, number];
  /** qoffset_x, qoffset_y, qoffset_z. */
  qoffset: [number, number, number];
  srowX: [number, number, number, number];
  srowY: [number, number, number, number];
  srowZ: [number, number, number, number];
  xyztUnits: number;
  intentCode: number;
  descrip: string;
}

/** NIfTI datatype codes of the types the studio decodes. */
export const DATATYPE_CODES: Readonly<Record<VoxelType, number>> = {
  uint8: 2,
  int16: 4,
  int32: 8,
  float32: 16,
  float64: 64,
  int8: 256,
  uint16: 512,
};

/** Bytes per voxel of each supported type. */
export const BYTES_PER_VOXEL: Readonly<Record<VoxelType, number>> = {
  uint8: 1,
  int8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  float32: 4,
  float64: 8,
};

/** Names of the NIfTI types the studio does not decode, for the error message. */
const UNSUPPORTED_NAMES: Readonly<Record<number, string>> = {
  1: 'binary (1 bit)',
  32: 'complex64',
  128: 'RGB24',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

const TYPE_OF_CODE = new Map<number, VoxelType>(
  Object.entries(DATATYPE_CODES).map(([t, c]) => [c, t as VoxelType]),
);

/** The voxel type of a header, or a 'unsupported-type' error naming the file and the type. */
export function voxelTypeOf(h: NiftiHeader, fileName: string): VoxelType {
  const t = TYPE_OF_CODE.get(h.datatype);
  if (t) return t;
  const name = UNSUPPORTED_NAMES[h.datatype] ?? `unknown code ${h.datatype}`;
  throw new FileFormatError(
    'unsupported-type',
    fileName,
    `voxel data type ${name} is not supported (use uint8, int8, int16, uint16, int32, float32 or float64)`,
  );
}

/**
 * Header size announced by the first four bytes (348 or 540, either byte order), or `null`
 * when they cannot start a NIfTI file.
 */
export function sniffHeaderSize(bytes: Uint8Array): { size: number; littleEndian: boolean } | null {
  if (bytes.length < 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === 348 || size === 540) return { size, littleEndian };
  }
  return null;
}

function describeStart(bytes: Uint8Array): string {
  const sig: [number[], string][] = [
    [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
    [[0xff, 0xd8, 0xff], 'a JPEG image'],
    [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
    [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  ];
  for (const [magic, what] of sig)
    if (magic.every((b, i) => bytes[i] === b)) return `it is ${what}`;
  if (bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM') {
    return 'it is a DICOM file';
  }
  return 'its first bytes are not a NIfTI header';
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  const end = Math.min(bytes.length, start + length);
  let s = '';
  for (let i = start; i < end && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/**
 * Parses the header at the start of `bytes` (decompressed). Throws 'not-nifti' for anything
 * else and 'bad-header' for a NIfTI header whose dimensions cannot describe an image.
 */
export function parseNiftiHeader(bytes: Uint8Array, fileName: string): NiftiHeader {
  if (bytes.length === 0) {
    throw new FileFormatError('truncated', fileName, 'the file is empty (0 bytes)');
  }
  const sniff = sniffHeaderSize(bytes);
  if (!sniff) {
    throw new FileFormatError('not-nifti', fileName, `not a NIfTI file: ${describeStart(bytes)}`);
  }
  if (bytes.length < sniff.size) {
    throw new FileFormatError(
      'truncated',
      fileName,
      `the file ends inside the NIfTI header (${bytes.length} of ${sniff.size} bytes)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, sniff.size);
  const h =
    sniff.size === 348
      ? parseV1(view, bytes, sniff.littleEndian)
      : parseV2(view, bytes, sniff.littleEndian);
  const expected = h.version === 1 ? ['n+1', 'ni1'] : ['n+2', 'ni2'];
  if (!expected.includes(h.magic)) {
    const why =
      h.version === 1
        ? 'an Analyze 7.5 header without the NIfTI magic "n+1"'
        : `a 540-byte header without the NIfTI-2 magic "n+2" (found "${h.magic}")`;
    throw new FileFormatError('not-nifti', fileName, `not a NIfTI file: ${why}`);
  }
  checkDims(h, fileName);
  return h;
}

function parseV1(v: DataView, bytes: Uint8Array, le: boolean): NiftiHeader {
  const i16 = (o: number) => v.getInt16(o, le);
  const f32 = (o: number) => v.getFloat32(o, le);
  const range = (n: number, at: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => at(i));
  return {
    version: 1,
    littleEndian: le,
    magic: ascii(bytes, 344, 4),
    headerSize: 348,
    dim: range(8, (i) => i16(40 + 2 * i)),
    pixdim: range(8, (i) => f32(76 + 4 * i)),
    intentCode: i16(68),
    datatype: i16(70),
    bitpix: i16(72),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    xyztUnits: bytes[123],
    descrip: ascii(bytes, 148, 80),
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srowX: [f32(280), f32(284), f32(288), f32(292)],
    srowY: [f32(296), f32(300), f32(304), f32(308)],
    srowZ: [f32(312), f32(316), f32(320), f32(324)],
  };
}

function parseV2(v: DataView, bytes: Uint8Array, le: boolean): NiftiHeader {
  const i64 = (o: number) => Number(v.getBigInt64(o, le));
  const f64 = (o: number) => v.getFloat64(o, le);
  const i32 = (o: number) => v.getInt32(o, le);
  const range = (n: number, at: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => at(i));
  return {
    version: 2,
    littleEndian: le,
    magic: ascii(bytes, 4, 4),
    headerSize: 540,
    datatype: v.getInt16(12, le),
    bitpix: v.getInt16(14, le),
    dim: range(8, (i) => i64(16 + 8 * i)),
    pixdim: range(8, (i) => f64(104 + 8 * i)),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    descrip: ascii(bytes, 240, 80),
    qformCode: i32(344),
    sformCode: i32(348),
    quatern: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srowX: [f64(400), f64(408), f64(416), f64(424)],
    srowY: [f64(432), f64(440), f64(448), f64(456)],
    srowZ: [f64(464), f64(472), f64(480), f64(488)],
    xyztUnits: i32(500),
    intentCode: i32(504),
  };
}

function checkDims(h: NiftiHeader, fileName: string): void {
  const n = h.dim[0];
  if (!Number.isInteger(n) || n < 1 || n > 7) {
    throw new FileFormatError('bad-header', fileName, `header dim[0] is ${n}, not 1..7`);
  }
  for (let i = 1; i <= n; i++) {
    const d = h.dim[i];
    if (!Number.isSafeInteger(d) || d < 1) {
      throw new FileFormatError(
        'bad-header',
        fileName,
        `header dim[${i}] is ${d}; sizes must be positive`,
      );
    }
  }
}

/** Grid size (x, y, z) and the number of 3-D volumes stacked in dims 4..7. */
export function gridOf(h: NiftiHeader): { dims: [number, number, number]; channels: number } {
  const d = (i: number) => (i <= h.dim[0] ? h.dim[i] : 1);
  let channels = 1;
  for (let i = 4; i <= 7; i++) channels *= d(i);
  return { dims: [d(1), d(2), d(3)], channels };
}
