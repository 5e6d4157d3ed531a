import { describe, it, expect } from 'vitest';
import { gzipSync } from 'fflate';
import { readNifti, DEFAULT_MAX_BYTES } from './nifti-read';
import { buildNifti, ramp, type RawNifti } from './test-fixtures';
import { StudioError, type StudioErrorCode } from '../shared/errors';

const [NX, NY, NZ] = [3, 4, 5];
const N = NX * NY * NZ;

const TYPES: [string, number, number, number][] = [
  ['uint8', 2, 0, 255],
  ['int8', 256, -128, 127],
  ['int16', 4, -32768, 32767],
  ['uint16', 512, 0, 65535],
  ['int32', 8, -2147483648, 2147483647],
  ['float32', 16, -1e6, 1e6],
  ['float64', 64, -1e30, 1e30],
];

/** An LPS grid (i -> left, j -> posterior): the reader must flip i and j. */
const LPS: Partial<RawNifti> = {
  sformCode: 1,
  srow: [-1, 0, 0, 10, 0, -1, 0, 20, 0, 0, 2, 30],
  pixdim: [1, 1, 1, 2, 1, 1, 1, 1],
};

/** Value at canonical (i, j, k) of a file storing `values` on the LPS grid above. */
function lpsToRas(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < NZ; k++) {
    for (let j = 0; j < NY; j++) {
      for (let i = 0; i < NX; i++) out.push(values[NX - 1 - i + NX * (NY - 1 - j + NY * k)]);
    }
  }
  return out;
}

function failure(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

function expectFailure(
  fn: () => unknown,
  code: StudioErrorCode,
  fileName: string,
  pattern?: RegExp,
): void {
  const e = failure(fn);
  expect(e.code).toBe(code);
  expect(e.fileName).toBe(fileName);
  expect(e.message.startsWith(`${fileName}: `)).toBe(true);
  if (pattern) expect(e.message).toMatch(pattern);
}

describe('readNifti decodes every supported layout', () => {
  for (const [name, code, lo, hi] of TYPES) {
    const values = ramp(N, lo, hi);
    for (const version of [1, 2] as const) {
      for (const littleEndian of [true, false]) {
        for (const gzip of [false, true]) {
          const label = `${name}, NIfTI-${version}, ${littleEndian ? 'LE' : 'BE'}${gzip ? ', gzip' : ''}`;
          it(label, () => {
            const raw = buildNifti({
              ...LPS,
              version,
              littleEndian,
              dims: [NX, NY, NZ],
              datatype: code,
              values,
            });
            const [vol, ...rest] = readNifti(gzip ? gzipSync(raw) : raw, 'v.nii');
            expect(rest).toHaveLength(0);
            expect(vol.sourceType).toBe(name);
            expect(vol.dims).toEqual([NX, NY, NZ]);
            expect(vol.spacing).toEqual([1, 1, 2]);
            expect(Array.from(vol.data)).toEqual(lpsToRas(values).map(Math.fround));
            // Canonical voxel (0,0,0) is source voxel (2,3,0): world (10-2, 20-3, 30).
            expect(vol.affine).toEqual([1, 0, 0, 8, 0, 1, 0, 17, 0, 0, 2, 30, 0, 0, 0, 1]);
            expect(vol.channel).toBeUndefined();
          });
        }
      }
    }
  }

  it('accepts an ArrayBuffer and an unaligned view', () => {
    const raw = buildNifti({ dims: [NX, NY, NZ], datatype: 4, values: ramp(N, -500, 500) });
    const shifted = new Uint8Array(raw.length + 1);
    shifted.set(raw, 1);
    const a = readNifti(raw.slice().buffer, 'a.nii')[0];
    const b = readNifti(shifted.subarray(1), 'b.nii')[0];
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(Array.from(a.data)).toEqual(ramp(N, -500, 500));
  });

  it('applies scl_slope / scl_inter, and ignores slope 0 and the identity', () => {
    const values = ramp(N, -100, 100);
    const spec = { dims: [NX, NY, NZ], datatype: 4, values };
    const scaled = readNifti(buildNifti({ ...spec, slope: 0.5, inter: 10 }), 's.nii')[0];
    expect(Array.from(scaled.data)).toEqual(values.map((v) => v * 0.5 + 10));
    expect(
      Array.from(readNifti(buildNifti({ ...spec, slope: 0, inter: 10 }), 's.nii')[0].data),
    ).toEqual(values);
    expect(
      Array.from(readNifti(buildNifti({ ...spec, slope: 1, inter: 0 }), 's.nii')[0].data),
    ).toEqual(values);
    const v2 = readNifti(buildNifti({ ...spec, version: 2, slope: -2, inter: 1 }), 's.nii')[0];
    expect(Array.from(v2.data)).toEqual(values.map((v) => -2 * v + 1));
  });

  it('splits a 4-D file into one volume per channel', () => {
    const values = ramp(N * 2, 0, 1000);
    const vols = readNifti(buildNifti({ dims: [NX, NY, NZ, 2], datatype: 4, values }), 'multi.nii');
    expect(vols.map((v) => v.channel)).toEqual([0, 1]);
    expect(Array.from(vols[1].data)).toEqual(values.slice(N));
  });

  it('loads a zero, negative or NaN voxel spacing with a safe one, and says so', () => {
    const values = ramp(N, 0, 100);
    const warnings: string[] = [];
    const [fromSform] = readNifti(
      buildNifti({ ...LPS, dims: [NX, NY, NZ], datatype: 16, values, pixdim: [1, 0, -1, NaN] }),
      'zero.nii',
      { onWarning: (w) => warnings.push(w) },
    );
    expect(fromSform.spacing).toEqual([1, 1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/voxel spacing 0 x -1 x NaN mm .* not usable/);
    expect(warnings[0]).toContain('loaded with 1 x 1 x 2 mm (the sizes of the sform matrix)');

    warnings.length = 0;
    const [plain] = readNifti(
      buildNifti({ dims: [NX, NY, NZ], datatype: 16, values, pixdim: [1, 0.5, 0, 3] }),
      'plain.nii',
      { onWarning: (w) => warnings.push(w) },
    );
    expect(plain.spacing).toEqual([0.5, 1, 3]);
    expect(warnings[0]).toContain('loaded with 0.5 x 1 x 3 mm (1 mm where the header gives none)');

    warnings.length = 0;
    readNifti(buildNifti({ dims: [NX, NY, NZ], datatype: 16, values }), 'fine.nii', {
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([]);
  });

  it('uses the qform when no sform is set, and pixdim when neither is', () => {
    // Quaternion (0, 0, 1): 180 degrees about z, the LPS grid again.
    const spec = {
      dims: [NX, NY, NZ],
      datatype: 2,
      values: ramp(N, 0, 200),
      pixdim: [1, 1, 1, 2, 0, 0, 0, 0],
    };
    const q = readNifti(
      buildNifti({ ...spec, qformCode: 1, quatern: [0, 0, 1], qoffset: [10, 20, 30] }),
      'q.nii',
    )[0];
    expect(Array.from(q.data)).toEqual(lpsToRas(spec.values));
    expect(q.affine).toEqual([1, 0, 0, 8, 0, 1, 0, 17, 0, 0, 2, 30, 0, 0, 0, 1]);
    const p = readNifti(buildNifti(spec), 'p.nii')[0];
    expect(Array.from(p.data)).toEqual(spec.values);
    expect(p.affine).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]);
  });
});

describe('readNifti refuses malformed input, naming the file', () => {
  const good: RawNifti = { dims: [NX, NY, NZ], datatype: 16, values: ramp(N, 0, 100) };

  it('a PNG renamed .nii.gz (gzipped or not)', () => {
    const png = new Uint8Array(1000);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expectFailure(() => readNifti(png, 'photo.nii.gz'), 'not-nifti', 'photo.nii.gz', /PNG/);
    expectFailure(
      () => readNifti(gzipSync(png), 'photo.nii.gz'),
      'not-nifti',
      'photo.nii.gz',
      /PNG/,
    );
  });

  it('a truncated gzip stream', () => {
    const gz = gzipSync(
      buildNifti({ ...good, values: ramp(N * 400, 0, 1e6), dims: [NX, NY, NZ * 400] }),
      { level: 1 },
    );
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    expectFailure(
      () => readNifti(cut, 'cut.nii.gz'),
      'truncated',
      'cut.nii.gz',
      /truncated gzip stream/,
    );
  });

  it('corrupt gzip data: damaged compressed bytes, or a flipped byte caught by the CRC', () => {
    const raw = buildNifti({ ...good, values: ramp(N * 400, 0, 1e6), dims: [NX, NY, NZ * 400] });
    const damaged = gzipSync(raw, { level: 1 });
    damaged.fill(0xff, 400, 480);
    expectFailure(
      () => readNifti(damaged, 'bad.nii.gz'),
      'corrupt',
      'bad.nii.gz',
      /corrupt gzip data/,
    );
    const stored = gzipSync(raw, { level: 0 });
    stored[stored.length - 100] ^= 0x01;
    expectFailure(() => readNifti(stored, 'flip.nii.gz'), 'corrupt', 'flip.nii.gz', /CRC-32/);
  });

  for (const gzip of [false, true]) {
    it(`header dims that do not match the data${gzip ? ' (gzip)' : ''}`, () => {
      const wrap = (b: Uint8Array) => (gzip ? gzipSync(b) : b);
      const short = buildNifti({ ...good, values: ramp(N - 5, 0, 100) });
      expectFailure(
        () => readNifti(wrap(short), 'short.nii'),
        'size-mismatch',
        'short.nii',
        /3x4x5 float32/,
      );
      const long = buildNifti({ ...good, values: ramp(N + 1, 0, 100) });
      expectFailure(() => readNifti(wrap(long), 'long.nii'), 'size-mismatch', 'long.nii');
    });
  }

  it('gives the real sizes when the voxels would start past the end of the file', () => {
    const bytes = buildNifti({ ...good, voxOffset: 352 });
    new DataView(bytes.buffer).setFloat32(108, 4000, true);
    for (const gzip of [false, true]) {
      const e = failure(() => readNifti(gzip ? gzipSync(bytes) : bytes, 'offset.nii'));
      expect(e.code).toBe('size-mismatch');
      expect(e.message).toContain('from byte 4000');
      expect(e.message).toContain(`should be ${4000 + N * 4} bytes long`);
      expect(e.message).toContain(`${bytes.length} bytes: it ends before the voxel data starts`);
      expect(e.message).not.toMatch(/holds 0 bytes/);
    }
    const short = buildNifti({ ...good, values: ramp(N - 5, 0, 100) });
    expect(failure(() => readNifti(short, 'short.nii')).message).toContain(
      `should be ${352 + N * 4} bytes long, but it is ${short.length} bytes (220 bytes of voxel data)`,
    );
  });

  it('an empty file, said plainly', () => {
    expectFailure(
      () => readNifti(new Uint8Array(0), 'empty.nii.gz'),
      'truncated',
      'empty.nii.gz',
      /the file is empty \(0 bytes\)$/,
    );
  });

  it('stops inflating as soon as the stream holds more than the header announced', () => {
    const bomb = buildNifti({
      dims: [2, 2, 2],
      datatype: 2,
      rawData: new Uint8Array(8 * 1024 ** 2),
    });
    // "more than" is only reported when inflation stopped before the end of the stream.
    const e = failure(() => readNifti(gzipSync(bomb, { level: 1 }), 'bomb.nii.gz'));
    expect(e.code).toBe('size-mismatch');
    expect(e.message).toMatch(/^bomb\.nii\.gz: .*2x2x2 uint8.* holds more than/);
    expect(e.message).not.toContain('8.0 MB');
  });

  it('NaN and infinite voxels, with their count', () => {
    const values = ramp(N, 0, 100);
    values[3] = Number.NaN;
    values[7] = Infinity;
    values[8] = -Infinity;
    expectFailure(
      () => readNifti(buildNifti({ ...good, values }), 'nan.nii'),
      'non-finite',
      'nan.nii',
      /\b3 of 60 voxels/,
    );
    // float64 values beyond the float32 range become infinite once decoded.
    const huge = ramp(N, 0, 1);
    huge[0] = 1e300;
    expectFailure(
      () => readNifti(buildNifti({ ...good, datatype: 64, values: huge }), 'h.nii'),
      'non-finite',
      'h.nii',
      /\b1 of 60/,
    );
  });

  for (const gzip of [false, true]) {
    it(`a header claiming 2000x2000x2000 float64, without allocating${gzip ? ' (gzip)' : ''}`, () => {
      const raw = buildNifti({
        dims: [2000, 2000, 2000],
        datatype: 64,
        rawData: new Uint8Array(4096),
      });
      const bytes = gzip ? gzipSync(raw) : raw;
      const before = process.memoryUsage().arrayBuffers;
      const t0 = performance.now();
      expectFailure(
        () => readNifti(bytes, 'huge.nii.gz'),
        'too-large',
        'huge.nii.gz',
        /2000x2000x2000 float64.*89\.4 GB/,
      );
      expect(performance.now() - t0).toBeLessThan(100);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 ** 2);
    });
  }

  it('respects a caller budget', () => {
    const bytes = buildNifti(good);
    expect(DEFAULT_MAX_BYTES).toBe(1.5 * 1024 ** 3);
    expectFailure(
      () => readNifti(bytes, 'b.nii', { maxBytes: 100 }),
      'too-large',
      'b.nii',
      /100 bytes/,
    );
    expect(readNifti(bytes, 'b.nii', { maxBytes: N * 8 })).toHaveLength(1);
  });

  it('unsupported data types', () => {
    const u32 = buildNifti({ ...good, datatype: 768, values: ramp(N, 0, 9) });
    expectFailure(() => readNifti(u32, 'u32.nii'), 'unsupported-type', 'u32.nii', /uint32/);
    const rgb = buildNifti({ ...good, datatype: 128, bitpix: 24, rawData: new Uint8Array(N * 3) });
    expectFailure(
      () => readNifti(gzipSync(rgb), 'rgb.nii.gz'),
      'unsupported-type',
      'rgb.nii.gz',
      /RGB24/,
    );
  });

  it('the header of a .hdr/.img pair', () => {
    const hdr = buildNifti({ ...good, magic: 'ni1\0', rawData: new Uint8Array(0), voxOffset: 0 });
    expectFailure(() => readNifti(hdr, 'pair.hdr'), 'unsupported-type', 'pair.hdr', /\.hdr\/\.img/);
  });
});
