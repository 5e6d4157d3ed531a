/**
 * Real NIfTI files from ../shared/data, altered in one header field or in their voxels:
 * how the specs reproduce the damaged files users bring (zero spacing, a wrong data
 * offset, a float label) without keeping any data in the repository.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataBytes } from './data';

/** The decompressed bytes of a .nii.gz under shared/data (NIfTI-1, little-endian). */
export function rawNifti(relative: string): Buffer {
  return gunzipSync(dataBytes(relative));
}

export function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes);
}

/** A copy with pixdim[1..3] (the voxel spacing in mm) replaced. */
export function withSpacing(raw: Buffer, spacing: [number, number, number]): Buffer {
  const out = Buffer.from(raw);
  spacing.forEach((s, i) => out.writeFloatLE(s, 80 + 4 * i));
  return out;
}

/** A copy whose header says the voxels start at `offset` (vox_offset). */
export function withVoxOffset(raw: Buffer, offset: number): Buffer {
  const out = Buffer.from(raw);
  out.writeFloatLE(offset, 108);
  return out;
}

/** A uint8 label rewritten as float32, each voxel value mapped through `map`. */
export function asFloat32Label(raw: Buffer, map: (v: number) => number): Buffer {
  const offset = Math.floor(raw.readFloatLE(108));
  const header = Buffer.from(raw.subarray(0, offset));
  header.writeInt16LE(16, 70); // datatype float32
  header.writeInt16LE(32, 72); // bitpix
  const voxels = raw.subarray(offset);
  const data = Buffer.alloc(voxels.length * 4);
  for (let i = 0; i < voxels.length; i++) data.writeFloatLE(map(voxels[i]), i * 4);
  return Buffer.concat([header, data]);
}
