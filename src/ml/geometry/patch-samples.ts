/**
 * The training samples of a 3-D network: patches cut around candidate centres on a lattice
 * over every training volume (patch-sites.ts), drawn with the class balance the run asks
 * for, each with its own seeded augmentation (augment3d.ts), batched as
 * [batch, D, S, S, channels] inputs and [batch, D, S, S, classes] targets.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeTarget } from '../data/batch';
import type { Rng } from '../data/rng';
import { extractPatch, samplePatchParams, type PatchParams } from './augment3d';
import { latticeSites, latticeStep, originFor, tilesOf } from './patch-sites';
import type { Draw, SetOptions, TrainBatch, TrainingSet } from './types';
import type { PreparedVolume } from './volume';
import type { Vec3 } from './windows';

/** The patch [D, S, S] a spec's network takes. */
export function patchOf(spec: { inputSize: number; patchDepth?: number }): Vec3 {
  if (spec.patchDepth === undefined) throw new Error('a 3-D network needs a patch depth');
  return [spec.patchDepth, spec.inputSize, spec.inputSize];
}

export class PatchSamples implements TrainingSet<PatchParams> {
  readonly foreground: boolean[] = [];
  readonly slicesPerSample: number;
  private readonly siteCase: number[] = [];
  private readonly siteVoxel: number[] = [];
  private readonly patch: Vec3;

  constructor(
    readonly volumes: readonly PreparedVolume[],
    private readonly o: SetOptions,
  ) {
    this.patch = patchOf(o.model);
    this.slicesPerSample = this.patch[0];
    const step = latticeStep(this.patch);
    volumes.forEach((vol, c) => {
      if (!vol.classes) throw new Error(`case ${vol.name} has no label to train on`);
      if (vol.channels !== o.model.inChannels) {
        throw new Error(`case ${vol.name} was prepared for another input shape`);
      }
      const sites = latticeSites(vol.classes, vol.dims, step);
      sites.voxels.forEach((v, i) => {
        this.siteCase.push(c);
        this.siteVoxel.push(v);
        this.foreground.push(sites.foreground[i]);
      });
    });
  }

  get names(): string[] {
    return this.volumes.map((v) => v.name);
  }

  passLength(): number {
    return this.volumes.reduce((n, v) => n + tilesOf(v.dims, this.patch), 0);
  }

  reportedSlices(): number {
    return this.volumes.reduce((n, v) => n + v.dims[2], 0);
  }

  drawParams(rng: Rng): PatchParams {
    return samplePatchParams(this.o.augmentation, rng);
  }

  batch(draws: readonly Draw<PatchParams>[]): TrainBatch {
    const [d, h, w] = this.patch;
    const voxels = d * h * w;
    const nc = this.o.model.inChannels;
    const k = this.o.model.numClasses;
    const x = new Float32Array(draws.length * voxels * nc);
    const y = new Float32Array(draws.length * voxels * k);
    draws.forEach(({ index, params }, b) => {
      const vol = this.volumes[this.siteCase[index]];
      const origin = originFor(this.siteVoxel[index], vol.dims, this.patch);
      const cut = extractPatch(vol, origin, this.patch, params);
      x.set(cut.image, b * voxels * nc);
      encodeTarget(cut.classes as Uint8Array, k, y, b * voxels * k);
    });
    return tf.tidy(() => ({
      x: tf.tensor5d(x, [draws.length, d, h, w, nc]),
      y: tf.tensor5d(y, [draws.length, d, h, w, k]),
    }));
  }
}
