import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { EarlyStopping, WeightSnapshot } from './early-stopping';

describe('EarlyStopping', () => {
  it('stops after `patience` epochs without improvement and remembers the best', () => {
    const e = new EarlyStopping(2, 0.01);
    expect(e.update(1, 1.0)).toEqual({ improved: true, stop: false });
    expect(e.update(2, 0.8)).toEqual({ improved: true, stop: false });
    expect(e.update(3, 0.795)).toEqual({ improved: false, stop: false });
    expect(e.update(4, 0.9)).toEqual({ improved: false, stop: true });
    expect(e.bestEpoch).toBe(2);
    expect(e.best).toBe(0.8);
  });

  it('never stops with patience 0 and ignores NaN losses', () => {
    const e = new EarlyStopping(0, 0);
    e.update(1, 1);
    for (let i = 2; i < 10; i++) expect(e.update(i, Number.NaN).stop).toBe(false);
    expect(e.bestEpoch).toBe(1);
  });
});

describe('WeightSnapshot', () => {
  it('restores the captured weights without leaking tensors', async () => {
    await tf.setBackend('cpu');
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2 })] });
    const snap = new WeightSnapshot();
    const before = await model.getWeights()[0].data();
    snap.capture(model);
    const count = tf.memory().numTensors;
    snap.capture(model);
    expect(tf.memory().numTensors).toBe(count);
    model.setWeights(model.getWeights().map((w) => tf.zerosLike(w)));
    snap.restore(model);
    expect(Array.from(await model.getWeights()[0].data())).toEqual(Array.from(before));
    snap.dispose();
    expect(snap.empty).toBe(true);
    model.dispose();
  });
});
