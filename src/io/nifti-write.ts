/**
 * Writes a {@link Volume} as a single-file NIfTI-1 (`n+1`), optionally gzipped, so that
 * predictions and edited labels open in other viewers on top of their source image. Both
 * sform (exact affine) and qform (its rigid part) are set, since tools differ in which one
 * they read.
 */
import { gzipSync } from 'fflate';
import { affineToQuatern } from './affine';
import { BYTES_PER_VOXEL, DATATYPE_CODES } from './nifti-header';
import type { Volume, VoxelType } from './volume';

/** Options of {@link writeNifti}. */
export interface WriteNiftiOptions {
  /** Stored voxel type; defaults to the volume's `sourceType`. Integers are rounded and clamped. */
  type?: VoxelType;
  /** Gzip the result (a `.nii.gz`); default false. */
  gzip?: boolean;
  /** Header `descrip` text (ASCII, at most 79 characters kept). */
  description?: string;
}

const HEADER_SIZE = 348;
const VOX_OFFSET = 352;
/** NIFTI_XFORM_SCANNER_ANAT for qform, NIFTI_XFORM_ALIGNED_ANAT for sform. */
const QFORM_CODE = 1;
const SFORM_CODE = 2;
/** NIFTI_UNITS_MM | NIFTI_UNITS_SEC. */
const XYZT_UNITS = 2 | 8;

const RANGES: Partial<Record<VoxelType, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
};

/** Encodes `vol` as NIfTI-1 bytes (little-endian). */
export function writeNifti(vol: Volume, opts: WriteNiftiOptions = {}): Uint8Array {
  const type = opts.type ?? vol.sourceType;
  const voxels = vol.dims[0] * vol.dims[1] * vol.dims[2];
  if (vol.data.length !== voxels) {
    throw new RangeError(
      `volume data has ${vol.data.length} values for a ${vol.dims.join('x')} grid`,
    );
  }
  const bytes = new Uint8Array(VOX_OFFSET + voxels * BYTES_PER_VOXEL[type]);
  writeHeader(new DataView(bytes.buffer), vol, type, opts.description ?? '');
  writeVoxels(new DataView(bytes.buffer, VOX_OFFSET), vol.data, type);
  return opts.gzip ? gzipSync(bytes, { level: 6 }) : bytes;
}

function writeHeader(v: DataView, vol: Volume, type: VoxelType, description: string): void {
  const le = true;
  const { quatern, qoffset, qfac } = affineToQuatern(vol.affine);
  v.setInt32(0, HEADER_SIZE, le);
  v.setUint8(38, 'r'.charCodeAt(0)); // Analyze "regular", still checked by some readers
  const dim = [3, ...vol.dims, 1, 1, 1, 1];
  dim.forEach((d, i) => v.setInt16(40 + 2 * i, d, le));
  v.setInt16(70, DATATYPE_CODES[type], le);
  v.setInt16(72, BYTES_PER_VOXEL[type] * 8, le);
  const pixdim = [qfac, ...vol.spacing, 0, 0, 0, 0];
  pixdim.forEach((p, i) => v.setFloat32(76 + 4 * i, p, le));
  v.setFloat32(108, VOX_OFFSET, le);
  v.setFloat32(112, 1, le);
  v.setFloat32(116, 0, le);
  v.setUint8(123, XYZT_UNITS);
  const text = description.replace(/[^\x20-\x7e]/g, '?').slice(0, 79);
  for (let i = 0; i < text.length; i++) v.setUint8(148 + i, text.charCodeAt(i));
  v.setInt16(252, QFORM_CODE, le);
  v.setInt16(254, SFORM_CODE, le);
  [...quatern, ...qoffset].forEach((q, i) => v.setFloat32(256 + 4 * i, q, le));
  for (let i = 0; i < 12; i++) v.setFloat32(280 + 4 * i, vol.affine[i], le);
  [0x6e, 0x2b, 0x31, 0].forEach((c, i) => v.setUint8(344 + i, c)); // "n+1\0"
}

function writeVoxels(v: DataView, data: Float32Array, type: VoxelType): void {
  const le = true;
  const n = data.length;
  const range = RANGES[type];
  const clampRound = (x: number) => {
    if (!range) return x;
    const r = Math.round(x);
    return r < range[0] ? range[0] : r > range[1] ? range[1] : Number.isNaN(r) ? 0 : r;
  };
  switch (type) {
    case 'uint8':
      for (let i = 0; i < n; i++) v.setUint8(i, clampRound(data[i]));
      return;
    case 'int8':
      for (let i = 0; i < n; i++) v.setInt8(i, clampRound(data[i]));
      return;
    case 'int16':
      for (let i = 0; i < n; i++) v.setInt16(2 * i, clampRound(data[i]), le);
      return;
    case 'uint16':
      for (let i = 0; i < n; i++) v.setUint16(2 * i, clampRound(data[i]), le);
      return;
    case 'int32':
      for (let i = 0; i < n; i++) v.setInt32(4 * i, clampRound(data[i]), le);
      return;
    case 'float32':
      for (let i = 0; i < n; i++) v.setFloat32(4 * i, data[i], le);
      return;
    case 'float64':
      for (let i = 0; i < n; i++) v.setFloat64(8 * i, data[i], le);
      return;
  }
}
