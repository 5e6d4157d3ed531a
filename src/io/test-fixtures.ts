/**
 * Hand-built NIfTI bytes for the io tests: every header field is placed at its offset from
 * the NIfTI-1 / NIfTI-2 standards, independently of the writer, so a test can make a
 * big-endian file, a NIfTI-2 file, or a header that lies about its data.
 */

/** Fields of a hand-made file; anything omitted gets a neutral default. */
export interface RawNifti {
  version?: 1 | 2;
  littleEndian?: boolean;
  /** dim[1..]; dim[0] is their count. */
  dims: number[];
  datatype: number;
  bitpix?: number;
  /** pixdim[0..7]; pixdim[0] is qfac. */
  pixdim?: number[];
  voxOffset?: number;
  slope?: number;
  inter?: number;
  qformCode?: number;
  sformCode?: number;
  quatern?: [number, number, number];
  qoffset?: [number, number, number];
  /** srow_x, srow_y, srow_z concatenated (12 values). */
  srow?: number[];
  magic?: string;
  /** Voxel values in file order, encoded by `datatype`. */
  values?: ArrayLike<number>;
  /** Raw bytes placed after the header instead of `values`. */
  rawData?: Uint8Array;
}

const WRITERS: Record<number, [number, (v: DataView, o: number, x: number, le: boolean) => void]> =
  {
    2: [1, (v, o, x) => v.setUint8(o, x)],
    256: [1, (v, o, x) => v.setInt8(o, x)],
    4: [2, (v, o, x, le) => v.setInt16(o, x, le)],
    512: [2, (v, o, x, le) => v.setUint16(o, x, le)],
    8: [4, (v, o, x, le) => v.setInt32(o, x, le)],
    768: [4, (v, o, x, le) => v.setUint32(o, x, le)],
    16: [4, (v, o, x, le) => v.setFloat32(o, x, le)],
    64: [8, (v, o, x, le) => v.setFloat64(o, x, le)],
  };

function encodeValues(spec: RawNifti, le: boolean): Uint8Array {
  if (spec.rawData) return spec.rawData;
  const values = spec.values ?? [];
  const w = WRITERS[spec.datatype];
  if (!w) throw new Error(`fixture cannot encode datatype ${spec.datatype}`);
  const out = new Uint8Array(values.length * w[0]);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) w[1](view, i * w[0], values[i], le);
  return out;
}

/** Bytes of a single-file NIfTI (uncompressed) built field by field. */
export function buildNifti(spec: RawNifti): Uint8Array {
  const le = spec.littleEndian ?? true;
  const v2 = spec.version === 2;
  const data = encodeValues(spec, le);
  const offset = spec.voxOffset ?? (v2 ? 544 : 352);
  const out = new Uint8Array(Math.max(offset, v2 ? 540 : 348) + data.length);
  const v = new DataView(out.buffer);
  const dim = [spec.dims.length, ...spec.dims, ...new Array<number>(7 - spec.dims.length).fill(1)];
  const pixdim = spec.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1];
  const srow = spec.srow ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
  const q = [...(spec.quatern ?? [0, 0, 0]), ...(spec.qoffset ?? [0, 0, 0])];
  const bitpix = spec.bitpix ?? (WRITERS[spec.datatype]?.[0] ?? 1) * 8;
  const magic = spec.magic ?? (v2 ? 'n+2\0\r\n\x1a\n' : 'n+1\0');
  if (v2) {
    v.setInt32(0, 540, le);
    for (let i = 0; i < magic.length; i++) v.setUint8(4 + i, magic.charCodeAt(i));
    v.setInt16(12, spec.datatype, le);
    v.setInt16(14, bitpix, le);
    dim.forEach((d, i) => v.setBigInt64(16 + 8 * i, BigInt(d), le));
    pixdim.forEach((p, i) => v.setFloat64(104 + 8 * i, p, le));
    v.setBigInt64(168, BigInt(offset), le);
    v.setFloat64(176, spec.slope ?? 1, le);
    v.setFloat64(184, spec.inter ?? 0, le);
    v.setInt32(344, spec.qformCode ?? 0, le);
    v.setInt32(348, spec.sformCode ?? 0, le);
    q.forEach((x, i) => v.setFloat64(352 + 8 * i, x, le));
    srow.forEach((x, i) => v.setFloat64(400 + 8 * i, x, le));
    v.setInt32(500, 2, le);
  } else {
    v.setInt32(0, 348, le);
    dim.forEach((d, i) => v.setInt16(40 + 2 * i, d, le));
    v.setInt16(70, spec.datatype, le);
    v.setInt16(72, bitpix, le);
    pixdim.forEach((p, i) => v.setFloat32(76 + 4 * i, p, le));
    v.setFloat32(108, offset, le);
    v.setFloat32(112, spec.slope ?? 1, le);
    v.setFloat32(116, spec.inter ?? 0, le);
    v.setInt16(252, spec.qformCode ?? 0, le);
    v.setInt16(254, spec.sformCode ?? 0, le);
    q.forEach((x, i) => v.setFloat32(256 + 4 * i, x, le));
    srow.forEach((x, i) => v.setFloat32(280 + 4 * i, x, le));
    for (let i = 0; i < magic.length; i++) v.setUint8(344 + i, magic.charCodeAt(i));
  }
  out.set(data, offset);
  return out;
}

/** 0, 1, 2, ... n-1 scaled into a type's range, for value checks that catch any reordering. */
export function ramp(n: number, lo: number, hi: number): number[] {
  // `|| 0` turns -0 into 0, as an integer file stores it.
  return Array.from(
    { length: n },
    (_, i) => Math.round(lo + ((hi - lo) * i) / Math.max(1, n - 1)) || 0,
  );
}
