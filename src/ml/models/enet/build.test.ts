import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countParams, presetSpec } from '../index';
import type { SpecWith } from '../input-spec';
import type { ENetSpec } from './spec';
import { decoderBottleneck, encoderBottleneck, initialBlock } from './blocks';
import { buildENet } from './build';

/** A model specification of this architecture. */
type Spec = SpecWith<ENetSpec>;

const ENET_PAPER = presetSpec('enet', 'paper');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const built: tf.LayersModel[] = [];
afterEach(() => built.splice(0).forEach((m) => m.dispose()));
function keep(m: tf.LayersModel): tf.LayersModel {
  built.push(m);
  return m;
}
const small = (io: Partial<Spec> = {}): Spec => ({
  ...ENET_PAPER,
  inputSize: 32,
  ...io,
});

describe('ENet parameter counts', () => {
  it("the prostate study's figures: 362,992 trainable + 8,352 non-trainable (1 channel, 2 classes)", () => {
    expect(countParams(keep(buildENet(ENET_PAPER)))).toEqual({
      trainable: 362_992,
      nonTrainable: 8_352,
    });
  });

  it('paper input (3 channels, 13 initial filters), 2 classes: 363,206 + 8,352', () => {
    const m = keep(buildENet({ ...ENET_PAPER, inChannels: 3 }));
    expect(m.getLayer('enc_init_conv').getConfig()['filters']).toBe(13);
    expect(countParams(m)).toEqual({ trainable: 363_206, nonTrainable: 8_352 });
  });

  it('a regular 64-map bottleneck has the hand-counted size', () => {
    // proj 64*16 | BN 16 | PReLU 16 | 3x3 conv 9*16*16 + 16 | BN 16 | PReLU 16 |
    // expand 16*64 | BN 64 | PReLU 64: trainable 1024+32+16+2320+32+16+1024+128+64 = 4656,
    // non-trainable (BN moving mean/var) 2 * (16 + 16 + 64) = 192.
    const input = tf.input({ shape: [8, 8, 64] });
    const { out } = encoderBottleneck(input, 64, { type: 'regular' }, 0.01, 'b');
    expect(countParams(keep(tf.model({ inputs: input, outputs: out })))).toEqual({
      trainable: 4656,
      nonTrainable: 192,
    });
  });
});

describe('ENet block shapes', () => {
  it('initial block halves the size and always yields 16 maps', () => {
    for (const c of [1, 3]) {
      const out = initialBlock(tf.input({ shape: [32, 32, c] }));
      expect(out.shape).toEqual([null, 16, 16, 16]);
    }
  });

  it('encoder bottlenecks: downsampling returns indices; dilated/asymmetric keep shape', () => {
    const x = tf.input({ shape: [16, 16, 16] });
    const down = encoderBottleneck(x, 64, { type: 'downsampling' }, 0.01, 'd');
    expect(down.out.shape).toEqual([null, 8, 8, 64]);
    expect(down.index?.shape).toEqual([null, 8, 8, 16]);
    const dil = encoderBottleneck(down.out, 64, { type: 'dilated', rate: 4 }, 0.1, 'r');
    expect(dil.out.shape).toEqual([null, 8, 8, 64]);
    expect(dil.index).toBeUndefined();
    const asym = encoderBottleneck(dil.out, 64, { type: 'asymmetric', size: 5 }, 0.1, 'a');
    expect(asym.out.shape).toEqual([null, 8, 8, 64]);
    const up = decoderBottleneck(asym.out, 16, 'relu', 'u', down.index);
    expect(up.shape).toEqual([null, 16, 16, 16]);
    expect(decoderBottleneck(up, 16, 'prelu', 'p').shape).toEqual([null, 16, 16, 16]);
  });

  it('the full network maps 32x32 to 32x32 class probabilities', () => {
    const m = keep(buildENet(small()));
    const expected: Array<[string, number[]]> = [
      ['enc_init_prelu', [16, 16, 16]],
      ['enc_b1_4_out', [8, 8, 64]],
      ['enc_b3_8_out', [4, 4, 128]],
      ['dec_b4_2_out', [8, 8, 64]],
      ['dec_b5_1_out', [16, 16, 16]],
      ['dec_out', [32, 32, 2]],
    ];
    for (const [name, shape] of expected) {
      expect((m.getLayer(name).output as tf.SymbolicTensor).shape).toEqual([null, ...shape]);
    }
    const y = m.predict(tf.randomNormal([2, 32, 32, 1])) as tf.Tensor;
    expect(y.shape).toEqual([2, 32, 32, 2]);
    expect(tf.sum(y, -1).sub(1).abs().max().dataSync()[0]).toBeLessThan(1e-5);
    const names = m.layers.map((l) => l.name).filter((n) => n !== 'input');
    expect(names.every((n) => n.startsWith('enc_') || n.startsWith('dec_'))).toBe(true);
    y.dispose();
  });

  it("the decoder unpools exactly at the encoder's max positions", () => {
    const m = keep(buildENet(small()));
    const pool = m.getLayer('enc_b1_0_pool').output as tf.SymbolicTensor[];
    const probe = tf.model({
      inputs: m.inputs,
      outputs: [m.getLayer('dec_b5_0_unpool').output as tf.SymbolicTensor, pool[1]],
    });
    const [unpooled, index] = probe.predict(
      tf.randomNormal([1, 32, 32, 1], 0, 1, 'float32', 5),
    ) as tf.Tensor[];
    const u = unpooled.dataSync();
    const k = index.dataSync();
    const [, h, w, c] = unpooled.shape;
    let nonzero = 0;
    for (let y2 = 0; y2 < h / 2; y2++)
      for (let x2 = 0; x2 < w / 2; x2++)
        for (let ch = 0; ch < c; ch++) {
          const winner = k[(y2 * (w / 2) + x2) * c + ch];
          for (let pos = 0; pos < 4; pos++) {
            const v = u[((2 * y2 + (pos >> 1)) * w + 2 * x2 + (pos & 1)) * c + ch];
            if (pos !== winner) expect(Math.abs(v)).toBe(0);
            else if (v !== 0) nonzero++;
          }
        }
    expect(nonzero).toBeGreaterThan(0);
    tf.dispose([unpooled, index]);
  });

  it('rejects input sizes not divisible by 8', () => {
    expect(() => buildENet(small({ inputSize: 36 }))).toThrow(/divisible by 8/);
  });
});
