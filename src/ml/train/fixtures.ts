/**
 * Small synthetic cases for the engine's tests: bright discs (the "organ") of varying
 * size and position on a noisy background, on a few slices, some slices empty. Easy
 * enough for a tiny network to learn within a few dozen steps, so tests can check that
 * training works without real data or long runs.
 */
import { createRng } from '../data/rng';
import type { PreparedCase } from '../data/dataset';
import type { CaseData } from '../types';
import { architecture } from '../models';
import { tinyUNetSpec as tinyUNet } from '../models/testing-specs';
import { defaultTrainConfig, type TrainConfig } from './config';

/** A raw case of `nx` x `ny` x `nz` voxels; slices 0 and nz-1 have no disc. */
export function discCase(
  name: string,
  seed: number,
  nx = 40,
  ny = 40,
  nz = 6,
  role: CaseData['role'] = 'train',
): CaseData {
  const rng = createRng(seed);
  const image = new Float32Array(nx * ny * nz);
  const label = new Uint8Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) {
    const cx = nx * (0.35 + 0.3 * rng());
    const cy = ny * (0.35 + 0.3 * rng());
    const r = Math.min(nx, ny) * (0.12 + 0.1 * rng());
    const present = z > 0 && z < nz - 1;
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = z * nx * ny + y * nx + x;
        const inside = present && (x - cx) ** 2 + (y - cy) ** 2 < r * r;
        label[i] = inside ? 1 : 0;
        // Offset and scale differ per case, as between scanners: z-scoring must handle it.
        image[i] = (seed % 3) * 100 + (50 + seed) * ((inside ? 1 : 0) + 0.35 * (rng() - 0.5));
      }
    }
  }
  return { name, channels: [image], dims: [nx, ny, nz], spacing: [1, 1, 3], label, role };
}

/** A case already at the model's input size, with roughly z-scored intensities. */
export function preparedDiscCase(name: string, seed: number, size = 32, depth = 6): PreparedCase {
  const raw = discCase(name, seed, size, size, depth);
  const classes = raw.label as Uint8Array;
  const rng = createRng(seed + 1000);
  const images = Float32Array.from(classes, (c) => (c ? 1.5 : -0.5) + 0.4 * (rng() - 0.5));
  const foreground = Array.from({ length: depth }, (_, z) =>
    classes.subarray(z * size * size, (z + 1) * size * size).some((v) => v > 0),
  );
  return { name, size, channels: 1, depth, images, classes, foreground };
}

/** The tiny network of the tests: U-Net, 3 levels, 4 base filters, batch norm. */
export { tinyUNet };

/** A short, fast training configuration on the tiny network. */
export function tinyConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  const base = defaultTrainConfig();
  return {
    ...base,
    model: tinyUNet(),
    batchSize: 4,
    epochs: 3,
    stepsPerEpoch: 6,
    earlyStoppingPatience: 0,
    optimizer: { ...base.optimizer, learningRate: 1e-2, schedule: { kind: 'constant' } },
    augmentation: { ...base.augmentation, rotationDeg: 0, zoom: 0, translation: 0 },
    ...overrides,
  };
}

/** A short, fast training configuration on the tiny 3D U-Net, with 4x16x16 patches. */
export function tinyVolumeConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return tinyConfig({
    model: {
      architecture: architecture('unet3d').tiny,
      inputSize: 16,
      patchDepth: 4,
      inChannels: 1,
      numClasses: 1,
    },
    batchSize: 2,
    ...overrides,
  });
}
