import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpatialDropout2D } from './spatial-dropout';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SpatialDropout2D', () => {
  it('is the identity at inference', () => {
    const layer = new SpatialDropout2D({ rate: 0.5 });
    const x = tf.randomNormal([2, 3, 3, 4]);
    const y = layer.apply(x, { training: false }) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });

  it('drops whole channels per sample in training and rescales the rest', () => {
    const layer = new SpatialDropout2D({ rate: 0.5, seed: 42 });
    const [b, h, w, c] = [4, 3, 5, 16];
    const x = tf.ones([b, h, w, c]);
    const y = (layer.apply(x, { training: true }) as tf.Tensor).dataSync();
    let dropped = 0;
    for (let n = 0; n < b; n++)
      for (let ch = 0; ch < c; ch++) {
        const seen = new Set<number>();
        for (let p = 0; p < h * w; p++) seen.add(y[(n * h * w + p) * c + ch]);
        // Every pixel of a channel shares its fate: all 0, or all 1 / (1 - 0.5).
        expect(seen.size).toBe(1);
        const [value] = [...seen];
        expect([0, 2]).toContain(value);
        if (value === 0) dropped++;
      }
    // 64 Bernoulli(0.5) draws: both outcomes occur.
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThan(b * c);
    x.dispose();
  });

  it('keeps its rate through save/load', async () => {
    const input = tf.input({ shape: [4, 4, 2] });
    const out = new SpatialDropout2D({ rate: 0.25, name: 'sd' }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    const layer = loaded.getLayer('sd') as SpatialDropout2D;
    expect(layer).toBeInstanceOf(SpatialDropout2D);
    expect(layer.rate).toBe(0.25);
    model.dispose();
    loaded.dispose();
  });
});
