import { describe, it, expect } from 'vitest';
import { parseNiftiHeader, sniffHeaderSize, voxelTypeOf, gridOf } from './nifti-header';
import { buildNifti, type RawNifti } from './test-fixtures';
import { StudioError } from '../shared/errors';

const SPEC: RawNifti = {
  dims: [5, 4, 3],
  datatype: 4,
  pixdim: [-1, 0.5, 0.75, 3, 1, 0, 0, 0],
  slope: 2,
  inter: -7,
  qformCode: 1,
  sformCode: 2,
  quatern: [0.1, 0.2, 0.3],
  qoffset: [10, -20, 30],
  srow: [-0.5, 0, 0, 12, 0, 0.75, 0, -34, 0, 0, 3, 56],
  values: new Array<number>(60).fill(0),
};

function catchError(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

describe('parseNiftiHeader', () => {
  for (const version of [1, 2] as const) {
    for (const littleEndian of [true, false]) {
      it(`reads every field of a NIfTI-${version} ${littleEndian ? 'little' : 'big'}-endian header`, () => {
        const h = parseNiftiHeader(buildNifti({ ...SPEC, version, littleEndian }), 'x.nii');
        expect(h.version).toBe(version);
        expect(h.littleEndian).toBe(littleEndian);
        expect(h.magic).toBe(version === 1 ? 'n+1' : 'n+2');
        expect(h.headerSize).toBe(version === 1 ? 348 : 540);
        expect(h.dim.slice(0, 4)).toEqual([3, 5, 4, 3]);
        expect(h.pixdim.slice(0, 4)).toEqual([-1, 0.5, 0.75, 3]);
        expect(h.datatype).toBe(4);
        expect(h.bitpix).toBe(16);
        expect(h.voxOffset).toBe(version === 1 ? 352 : 544);
        expect([h.sclSlope, h.sclInter]).toEqual([2, -7]);
        expect([h.qformCode, h.sformCode]).toEqual([1, 2]);
        h.quatern.forEach((q, i) => expect(q).toBeCloseTo(SPEC.quatern![i], 6));
        expect(h.qoffset).toEqual([10, -20, 30]);
        expect([...h.srowX, ...h.srowY, ...h.srowZ]).toEqual(SPEC.srow);
        expect(gridOf(h)).toEqual({ dims: [5, 4, 3], channels: 1 });
      });
    }
  }

  it('detects byte order from sizeof_hdr', () => {
    expect(sniffHeaderSize(buildNifti({ ...SPEC, littleEndian: false }))).toEqual({
      size: 348,
      littleEndian: false,
    });
    expect(sniffHeaderSize(buildNifti({ ...SPEC, version: 2 }))).toEqual({
      size: 540,
      littleEndian: true,
    });
  });

  it('reads the description', () => {
    const bytes = buildNifti(SPEC);
    bytes.set(new TextEncoder().encode('hello header'), 148);
    expect(parseNiftiHeader(bytes, 'x.nii').descrip).toBe('hello header');
  });

  it('refuses a PNG with a message naming the file and what it is', () => {
    const png = new Uint8Array(400);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = catchError(() => parseNiftiHeader(png, 'scan.nii'));
    expect(e.code).toBe('not-nifti');
    expect(e.message).toMatch(/^scan\.nii: .*PNG/);
  });

  it('refuses an Analyze header without the NIfTI magic', () => {
    const e = catchError(() =>
      parseNiftiHeader(buildNifti({ ...SPEC, magic: '\0\0\0\0' }), 'old.hdr'),
    );
    expect(e.code).toBe('not-nifti');
    expect(e.message).toContain('old.hdr');
    expect(e.message).toContain('Analyze');
  });

  it('refuses impossible dimensions', () => {
    const bytes = buildNifti(SPEC);
    new DataView(bytes.buffer).setInt16(44, -4, true); // dim[2]
    const e = catchError(() => parseNiftiHeader(bytes, 'neg.nii'));
    expect(e.code).toBe('bad-header');
    expect(e.message).toContain('neg.nii');
    expect(e.message).toContain('dim[2]');
  });

  it('reports a file that ends inside its header', () => {
    const e = catchError(() => parseNiftiHeader(buildNifti(SPEC).subarray(0, 200), 'short.nii'));
    expect(e.code).toBe('truncated');
    expect(e.message).toContain('short.nii');
  });

  it('names unsupported voxel types', () => {
    const h = parseNiftiHeader(
      buildNifti({ ...SPEC, datatype: 32, bitpix: 64, rawData: new Uint8Array(480) }),
      'c.nii',
    );
    const e = catchError(() => voxelTypeOf(h, 'c.nii'));
    expect(e.code).toBe('unsupported-type');
    expect(e.message).toMatch(/^c\.nii: .*complex64/);
  });

  it('flattens dims 4..7 into channels', () => {
    const h = parseNiftiHeader(buildNifti({ ...SPEC, dims: [2, 2, 2, 3, 2] }), '4d.nii');
    expect(gridOf(h)).toEqual({ dims: [2, 2, 2], channels: 6 });
  });
});
