import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './index';
import { buildModel } from '../../models/index';
import type { ModelSpec } from '../../models/spec';
import { diceLoss } from '../../losses';
import { seeded } from './testing';
const S = 128,
  BATCH = 4;
const spec: ModelSpec = {
  architecture: { kind: 'enet', dropoutStage1: 0.01, dropout: 0.1 },
  inputSize: S,
  inChannels: 1,
  numClasses: 2,
};
it('who', { timeout: 600000 }, async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  const model = buildModel(spec);
  const n = BATCH * S * S;
  const x = tf.tensor4d(seeded(n, 1), [BATCH, S, S, 1]);
  const fg = tf.cast(tf.greater(tf.tensor4d(seeded(n, 2), [BATCH, S, S, 1]), 0.3), 'float32');
  const y = tf.concat([tf.sub(1, fg), fg], -1);
  const names = new Set((process.env.WHO ?? 'Tile').split(','));
  const seen = new Map<string, [number, number]>();
  for (const k of tf.getKernelsForBackend('wasm'))
    if (names.has(k.kernelName)) {
      const f = k.kernelFunc;
      (k as { kernelFunc: tf.KernelFunc }).kernelFunc = (a) => {
        const st = (new Error().stack ?? '')
          .split('\n')
          .slice(2, 40)
          .map((s) => s.trim())
          .filter((s) => s.includes('/src/ml/') || s.includes('gradFunc') || s.includes('_grad'))
          .slice(0, 4)
          .map((s) => s.replace(/\(.*\/(src|dist)\//, '('))
          .join(' | ');
        const key =
          k.kernelName +
          ' ' +
          JSON.stringify(Object.values(a.inputs).map((t) => t?.shape)) +
          ' ' +
          JSON.stringify(a.attrs) +
          ' ' +
          st;
        const t0 = performance.now();
        const r = f(a);
        const dt = performance.now() - t0;
        const e = seen.get(key) ?? [0, 0];
        seen.set(key, [e[0] + 1, e[1] + dt]);
        return r;
      };
    }
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 2; i++)
    opt
      .minimize(() => diceLoss(y, model.apply(x, { training: true }) as tf.Tensor), true)
      ?.dispose();
  const e = [...seen.entries()].sort((a, b) => b[1][1] - a[1][1]);
  for (const [k, [c, t]] of e.slice(0, 14)) console.log(t.toFixed(1), c, k.slice(0, 600));
});
