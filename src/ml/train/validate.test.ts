import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SliceDataset, type PreparedCase } from '../data/dataset';
import { makeLoss } from '../losses';
import { validate } from './validate';

/** sigmoid(10 x): foreground wherever the image is positive. */
function signModel(size: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [size, size, 1],
        filters: 1,
        kernelSize: 1,
        activation: 'sigmoid',
      }),
    ],
  });
  model.setWeights([tf.tensor4d([10], [1, 1, 1, 1]), tf.zeros([1])]);
  return model;
}

/** A case of `depth` 4x4 slices whose first `labelled` pixels are foreground; the image marks `shown` of them. */
function makeCase(name: string, depth: number, labelled: number, shown: number): PreparedCase {
  const pixels = 16;
  const classes = new Uint8Array(depth * pixels);
  const images = new Float32Array(depth * pixels).fill(-1);
  for (let z = 0; z < depth; z++) {
    for (let i = 0; i < labelled; i++) classes[z * pixels + i] = 1;
    for (let i = 0; i < shown; i++) images[z * pixels + i] = 1;
  }
  return {
    name,
    size: 4,
    channels: 1,
    depth,
    images,
    classes,
    foreground: new Array<boolean>(depth).fill(labelled > 0),
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('validate', () => {
  it('averages per-case Dice, so that a large case does not outweigh a small one', async () => {
    // Case a: 3 slices x 12 labelled pixels, all found (Dice 1).
    // Case b: 1 slice x 4 labelled pixels, 2 found (Dice 2*2/(4+2) = 2/3).
    const data = new SliceDataset([makeCase('a', 3, 12, 12), makeCase('b', 1, 4, 2)]);
    const model = signModel(4);
    const r = await validate(model, data, makeLoss({ name: 'bce' }), 1, 2);
    expect(r.caseDice.map((c) => c.name)).toEqual(['a', 'b']);
    expect(r.caseDice[0].dice).toBeCloseTo(1, 6);
    expect(r.caseDice[1].dice).toBeCloseTo(2 / 3, 6);
    expect(r.dice).toBeCloseTo((1 + 2 / 3) / 2, 6);
    // Pooled over voxels it would be (2*38)/(40+38) = 0.974: the mean is what is reported.
    expect(r.dice).toBeLessThan(0.9);
    expect(Number.isFinite(r.loss)).toBe(true);
    model.dispose();
  });

  it('scores only the largest predicted region when asked, as predictions are shown', async () => {
    // Two slices with the first 8 pixels (two rows) labelled and shown; the image also
    // marks pixel 15 of a third slice, apart from them: a stray blob.
    const c = makeCase('a', 3, 8, 8);
    c.classes.fill(0, 32);
    c.images.fill(-1, 32);
    c.images[32 + 15] = 1;
    c.foreground[2] = false;
    const data = new SliceDataset([c]);
    const model = signModel(4);
    const loss = makeLoss({ name: 'bce' });
    const raw = await validate(model, data, loss, 1, 2);
    const region = await validate(model, data, loss, 1, 2, { largestRegion: true });
    expect(raw.dice).toBeCloseTo((2 * 16) / (16 + 17), 6);
    expect(region.dice).toBeCloseTo(1, 6);
    expect(region.loss).toBeCloseTo(raw.loss, 6);
    model.dispose();
  });
});
