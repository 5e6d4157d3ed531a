import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChannelPad } from './channel-pad';
import { loadFromArtifacts, saveToArtifacts } from '../models/serialize';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ChannelPad', () => {
  it('appends zero channels, passes gradients to the original ones, and reloads', async () => {
    const input = tf.input({ shape: [2, 2, 3] });
    const out = new ChannelPad({ extra: 2, name: 'pad' }).apply(input) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 2, 2, 5]);
    const model = tf.model({ inputs: input, outputs: out });
    const x = tf.range(1, 13).reshape([1, 2, 2, 3]);
    const y = model.predict(x) as tf.Tensor;
    expect(Array.from(y.dataSync()).slice(0, 5)).toEqual([1, 2, 3, 0, 0]);
    const g = tf.grad((v: tf.Tensor) => (model.apply(v) as tf.Tensor).sum())(x);
    expect(Array.from(g.dataSync())).toEqual(new Array<number>(12).fill(1));
    const loaded = await loadFromArtifacts(await saveToArtifacts(model));
    expect((loaded.getLayer('pad') as ChannelPad).extra).toBe(2);
    tf.dispose([x, y, g]);
    model.dispose();
    loaded.dispose();
  });
});
