import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { makeBatch } from './batch';

describe('makeBatch', () => {
  it('stacks images and encodes one-hot or foreground targets', async () => {
    await tf.setBackend('cpu');
    const a = {
      image: new Float32Array([1, 2, 3, 4]),
      classes: new Uint8Array([0, 1, 2, 0]),
      size: 2,
      channels: 1,
    };
    const b = {
      image: new Float32Array([5, 6, 7, 8]),
      classes: new Uint8Array([2, 2, 0, 1]),
      size: 2,
      channels: 1,
    };
    const multi = makeBatch([a, b], 3);
    expect(multi.x.shape).toEqual([2, 2, 2, 1]);
    expect(multi.y.shape).toEqual([2, 2, 2, 3]);
    expect(Array.from(await multi.x.data())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = await multi.y.data();
    expect(Array.from(y.slice(0, 12))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const binary = makeBatch([a, b], 1);
    expect(Array.from(await binary.y.data())).toEqual([0, 1, 1, 0, 1, 1, 0, 1]);
    tf.dispose([multi.x, multi.y, binary.x, binary.y]);
  });
});
